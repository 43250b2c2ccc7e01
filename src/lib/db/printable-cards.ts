import type { UserId } from '$lib/domain/model';
import { printableCardsOf, type PrintableCard } from '$lib/domain/printable-cards';
import type { RosterDatabase } from './database';

/** The issued cards of `userIds`, holder by holder in the order given, with their images. */
export async function printableCards(
	db: RosterDatabase,
	userIds: readonly UserId[]
): Promise<PrintableCard[]> {
	return db.transaction('r', [db.users, db.cards, db.images], async () => {
		const [users, cards, images] = await Promise.all([
			db.users.bulkGet([...userIds]),
			db.cards
				.where('userId')
				.anyOf([...userIds])
				.toArray(),
			db.images.bulkGet([...userIds])
		]);
		const imageOf = new Map(
			images.flatMap((img) => (img ? [[img.userId, img.image] as const] : []))
		);
		return printableCardsOf(users, cards, imageOf);
	});
}

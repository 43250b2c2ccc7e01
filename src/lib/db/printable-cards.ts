import type { Card, UserId, User } from '$lib/domain/model';
import type { RosterDatabase } from './database';

/** One card to print: its holder, the card, and the holder's image if there is one. */
export interface PrintableCard {
	user: User;
	card: Card;
	image: Blob | null;
}

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
		const cardsOf = new Map<UserId, Card[]>();
		for (const card of cards) {
			if (card.status !== 'issued') continue;
			cardsOf.set(card.userId, [...(cardsOf.get(card.userId) ?? []), card]);
		}
		return users.flatMap((user) =>
			user
				? (cardsOf.get(user.id) ?? []).map((card) => ({
						user,
						card,
						image: imageOf.get(user.id) ?? null
					}))
				: []
		);
	});
}

import type { Card, User, UserId } from './model';

/** One card to print: its holder, the card, and the holder's image if there is one. */
export interface PrintableCard {
	user: User;
	card: Card;
	image: Blob | null;
}

/**
 * What a print sheet shows: only issued cards (a registered card does not open anything yet, a
 * revoked one no longer does), holder by holder in the order of `users`, each holder's cards in
 * the order given. A missing user (deleted meanwhile) prints nothing.
 */
export function printableCardsOf(
	users: readonly (User | undefined)[],
	cards: readonly Card[],
	images: ReadonlyMap<UserId, Blob>
): PrintableCard[] {
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
					image: images.get(user.id) ?? null
				}))
			: []
	);
}

/**
 * Whether a chunk's look-up may be read while the chunk before it is still committing
 * (docs/architecture.md, "Imports on the server"). Only this run writes users and cards while it
 * holds the site, so the chunk before is the one write such a read may or may not see. For every
 * key that chunk did not touch, both answers are the same; when the next chunk asks for a key it
 * touched, or the answer holds a record it wrote or whose card count it changed, the look-up is
 * read again once the commit is done.
 */
import type { ChunkLookups, ChunkPlan, LookupKeys } from '../../domain/import-store';

/** What one chunk wrote, as the keys a later look-up could see differently because of it. */
export interface TouchedKeys {
	/** Users it wrote, and users whose cards it added or moved (their card counts change). */
	users: Set<string>;
	emails: Set<string>;
	phones: Set<string>;
	cards: Set<string>;
}

/** The keys `plan` touches; `lookups` is what it was decided against (the cards' holders before). */
export function touchedBy(
	plan: Pick<ChunkPlan, 'users' | 'cards'>,
	lookups: ChunkLookups
): TouchedKeys {
	const touched: TouchedKeys = {
		users: new Set(),
		emails: new Set(),
		phones: new Set(),
		cards: new Set()
	};
	for (const user of plan.users) {
		touched.users.add(user.id);
		if (user.email) touched.emails.add(user.email);
		if (user.phoneDigits) touched.phones.add(user.phoneDigits);
	}
	for (const card of plan.cards) {
		touched.cards.add(card.number);
		touched.users.add(card.userId);
		const before = lookups.cards.get(card.number);
		if (before) touched.users.add(before.userId);
	}
	return touched;
}

const meets = (keys: readonly string[], touched: Set<string>): boolean =>
	keys.some((key) => touched.has(key));

/** False when `keys` ask for something the chunk before touched: read them after its commit. */
export function mayLookUpEarly(keys: LookupKeys, touched: TouchedKeys): boolean {
	return !(
		meets(keys.userIds, touched.users) ||
		meets(keys.laterUserIds, touched.users) ||
		meets(keys.emails, touched.emails) ||
		meets(keys.phones, touched.phones) ||
		meets(keys.cards, touched.cards)
	);
}

/**
 * False when an early answer holds a user the chunk before wrote or changed the cards of (by
 * whatever key it was found: its old email, as a card's holder): read it again after the commit.
 */
export function earlyAnswerHolds(found: ChunkLookups, touched: TouchedKeys): boolean {
	const users = [...found.users.values(), ...found.byEmail.values(), ...found.byPhone.values()];
	return (
		users.every((user) => !touched.users.has(user.id)) &&
		[...found.cards.values()].every(
			(card) => !touched.cards.has(card.number) && !touched.users.has(card.userId)
		)
	);
}

/**
 * The read side of the Users and Cards screens: every user and card read once, in primary-key
 * order, in chunks (so the first rows show before the rest has arrived), and kept as plain arrays
 * the screens search in memory. At 100 000 users an in-memory scan answers a keystroke in a few
 * milliseconds, where an index per searchable key would be paid on every import write
 * (docs/architecture.md, "Data model").
 */
import type { Card, CardNumber, User, UserId } from '$lib/domain/model';
import type { RosterDatabase } from './database';

/** Reads per transaction: large enough to be fast, small enough to show the first rows at once. */
export const READ_CHUNK = 5000;

/**
 * Reads all records of `table` in primary-key order, `chunk` at a time, handing each batch to
 * `onChunk`. Returns false when `isCancelled` stopped it early.
 */
async function readInChunks<T, K extends string>(
	read: (after: K | undefined, limit: number) => Promise<T[]>,
	keyOf: (record: T) => K,
	onChunk: (records: T[]) => void,
	isCancelled: () => boolean,
	chunk: number
): Promise<boolean> {
	let after: K | undefined;
	for (;;) {
		if (isCancelled()) return false;
		const records = await read(after, chunk);
		if (isCancelled()) return false;
		if (records.length > 0) onChunk(records);
		if (records.length < chunk) return true;
		after = keyOf(records[records.length - 1]!);
	}
}

export function readUsers(
	db: RosterDatabase,
	onChunk: (users: User[]) => void,
	isCancelled: () => boolean = () => false,
	chunk = READ_CHUNK
): Promise<boolean> {
	return readInChunks<User, UserId>(
		(after, limit) =>
			(after === undefined ? db.users.toCollection() : db.users.where(':id').above(after))
				.limit(limit)
				.toArray(),
		(user) => user.id,
		onChunk,
		isCancelled,
		chunk
	);
}

export function readCards(
	db: RosterDatabase,
	onChunk: (cards: Card[]) => void,
	isCancelled: () => boolean = () => false,
	chunk = READ_CHUNK
): Promise<boolean> {
	return readInChunks<Card, CardNumber>(
		(after, limit) =>
			(after === undefined ? db.cards.toCollection() : db.cards.where(':id').above(after))
				.limit(limit)
				.toArray(),
		(card) => card.number,
		onChunk,
		isCancelled,
		chunk
	);
}

/** The tables whose changes the screens' copies must follow. */
export const DIRECTORY_TABLES = ['users', 'cards'] as const;

/** True when a Dexie `storagemutated` notice touches users or cards of `db`. */
export function touchesDirectory(db: RosterDatabase, parts: Record<string, unknown>): boolean {
	return touches(db, parts, DIRECTORY_TABLES);
}

/** True when a Dexie `storagemutated` notice touches the import sessions (an import began or ended). */
export function touchesSessions(db: RosterDatabase, parts: Record<string, unknown>): boolean {
	return touches(db, parts, ['importSessions']);
}

/** True when a Dexie `storagemutated` notice touches the settings (the site's lease among them). */
export function touchesSettings(db: RosterDatabase, parts: Record<string, unknown>): boolean {
	return touches(db, parts, ['settings']);
}

function touches(
	db: RosterDatabase,
	parts: Record<string, unknown>,
	tables: readonly string[]
): boolean {
	const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
	return Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)));
}

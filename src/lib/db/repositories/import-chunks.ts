import type { Card, CardNumber, SessionId, User, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import type { ImportCounters, ImportCursor } from '../import-session';
import type { JournalChunk, ResultChunk } from '../records';

/**
 * The import engine's own writes of users and cards. They bypass the guard on purpose: the guard
 * exists to stop everyone else while the engine holds it. Each chunk is one transaction.
 */

export interface LookupRequest {
	userIds: UserId[];
	emails: string[];
	phones: string[];
	cards: CardNumber[];
}

export interface LookupResult {
	users: Map<UserId, User>;
	byEmail: Map<string, User>;
	byPhone: Map<string, User>;
	cards: Map<CardNumber, Card>;
}

/** Bulk reads of everything a chunk's rows may collide with: four queries, not four per row. */
export async function lookupForChunk(
	db: RosterDatabase,
	keys: LookupRequest
): Promise<LookupResult> {
	return db.transaction('r', [db.users, db.cards], async () => {
		const [users, byEmail, byPhone, cards] = await Promise.all([
			db.users.bulkGet(keys.userIds),
			keys.emails.length ? db.users.where('email').anyOf(keys.emails).toArray() : [],
			keys.phones.length ? db.users.where('phoneDigits').anyOf(keys.phones).toArray() : [],
			db.cards.bulkGet(keys.cards)
		]);
		const result: LookupResult = {
			users: new Map(present(users).map((u) => [u.id, u])),
			byEmail: new Map(byEmail.flatMap((u) => (u.email ? [[u.email, u] as const] : []))),
			byPhone: new Map(
				byPhone.flatMap((u) => (u.phoneDigits ? [[u.phoneDigits, u] as const] : []))
			),
			cards: new Map(present(cards).map((c) => [c.number, c]))
		};
		const holders = [...result.cards.values()]
			.map((card) => card.userId)
			.filter((id) => !result.users.has(id));
		for (const holder of present(await db.users.bulkGet(holders))) {
			result.users.set(holder.id, holder);
		}
		return result;
	});
}

export interface ChunkCommit {
	sessionId: SessionId;
	chunk: number;
	users: User[];
	cards: Card[];
	results: Omit<ResultChunk, 'sessionId' | 'chunk'>;
	journal: Omit<JournalChunk, 'sessionId' | 'chunk'>;
	cursor: ImportCursor;
	counters: ImportCounters;
	now: number;
}

/**
 * Writes one chunk: its users, cards, result record, journal record and the session's cursor and
 * counters, in ONE transaction that awaits nothing but Dexie. A crash loses this chunk whole, and
 * the cursor says exactly where to resume.
 */
export async function commitChunk(db: RosterDatabase, commit: ChunkCommit): Promise<void> {
	const { sessionId, chunk } = commit;
	await db.transaction(
		'rw',
		[db.users, db.cards, db.importResults, db.importJournal, db.importSessions],
		async () => {
			await Promise.all([
				commit.users.length ? db.users.bulkPut(commit.users) : undefined,
				commit.cards.length ? db.cards.bulkPut(commit.cards) : undefined,
				db.importResults.put({ sessionId, chunk, ...commit.results }),
				db.importJournal.put({ sessionId, chunk, ...commit.journal }),
				db.importSessions.update(sessionId, {
					cursor: commit.cursor,
					counters: commit.counters,
					updatedAt: commit.now
				})
			]);
		}
	);
}

/**
 * Replays a session's journal backwards, one chunk per transaction: what it created is deleted,
 * what it changed gets its before-image back. Each replayed chunk's journal and results go in the
 * same transaction, so an undo interrupted half-way resumes where it stopped.
 */
export async function undoJournal(
	db: RosterDatabase,
	sessionId: SessionId,
	onChunk?: (remaining: number) => void
): Promise<void> {
	const chunks = await db.importJournal
		.where('[sessionId+chunk]')
		.between([sessionId, -Infinity], [sessionId, Infinity])
		.primaryKeys();
	for (let index = chunks.length - 1; index >= 0; index -= 1) {
		const key = chunks[index];
		if (!key) continue;
		await db.transaction(
			'rw',
			[db.users, db.cards, db.images, db.importJournal, db.importResults],
			async () => {
				const entry = await db.importJournal.get(key);
				if (!entry) return;
				const { users, cards } = restoreSets(entry);
				await Promise.all([
					db.users.bulkDelete(users.remove),
					db.images.bulkDelete(users.remove),
					// Cards registered by hand to a user the import created go with that user.
					db.cards.where('userId').anyOf(users.remove).delete(),
					db.users.bulkPut(users.restore),
					db.cards.bulkDelete(cards.remove),
					db.cards.bulkPut(cards.restore),
					db.importJournal.delete(key),
					db.importResults.delete(key)
				]);
			}
		);
		onChunk?.(index);
	}
}

function restoreSets(entry: JournalChunk) {
	return {
		users: {
			remove: entry.users.filter((u) => u.before === null).map((u) => u.id),
			restore: present(entry.users.map((u) => u.before))
		},
		cards: {
			remove: entry.cards.filter((c) => c.before === null).map((c) => c.number),
			restore: present(entry.cards.map((c) => c.before))
		}
	};
}

/** Deletes what a session keeps besides its row: results and journal (Complete, or Undo). */
export async function deleteSessionData(db: RosterDatabase, sessionId: SessionId): Promise<void> {
	const range = [
		[sessionId, -Infinity],
		[sessionId, Infinity]
	] as const;
	await db.transaction('rw', [db.importResults, db.importJournal], async () => {
		await db.importResults
			.where('[sessionId+chunk]')
			.between(...range)
			.delete();
		await db.importJournal
			.where('[sessionId+chunk]')
			.between(...range)
			.delete();
	});
}

function present<T>(items: readonly (T | undefined | null)[]): T[] {
	return items.filter((item): item is T => item !== undefined && item !== null);
}

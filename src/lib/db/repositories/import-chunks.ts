import { KeyFilter } from '$lib/domain/key-filter';
import { addSkipped, addToTally, planUndo } from '$lib/domain/undo-plan';
import type { Card, CardNumber, SessionId, User, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import { deleteInRuns } from '../delete-in-runs';
import { claimOf } from '$lib/domain/site-lease';
import { assertSiteLeaseFree } from '../guard';
import { importSource, queueRecordsWrite } from '../site-outbox';
import type { ImportCounters, ImportCursor } from '$lib/domain/import-session';
import type { JournalChunk, ResultChunk } from '../records';

/**
 * The import engine's own writes of users and cards. They bypass the guard on purpose: the guard
 * exists to stop everyone else while the engine holds it. Each chunk is one transaction.
 */

export interface LookupRequest {
	userIds: UserId[];
	/** Users of later rows of a User ID: looked up even when the filters say they cannot exist. */
	laterUserIds: UserId[];
	emails: string[];
	phones: string[];
	cards: CardNumber[];
}

export interface LookupResult {
	users: Map<UserId, User>;
	byEmail: Map<string, User>;
	byPhone: Map<string, User>;
	cards: Map<CardNumber, Card>;
	/** How many cards each user of `users` holds (the holders of the chunk's cards included). */
	cardCounts: Map<UserId, number>;
}

/**
 * Bulk reads of everything a chunk's rows may collide with: a few queries, not a few per row.
 * The card counts read only index keys, and only for users that exist.
 */
export async function lookupForChunk(
	db: RosterDatabase,
	keys: LookupRequest
): Promise<LookupResult> {
	const userIds = [...new Set([...keys.userIds, ...keys.laterUserIds])];
	return db.transaction('r', [db.users, db.cards], async () => {
		const [users, byEmail, byPhone, cards] = await Promise.all([
			userIds.length ? db.users.bulkGet(userIds) : [],
			keys.emails.length ? db.users.where('email').anyOf(keys.emails).toArray() : [],
			keys.phones.length ? db.users.where('phoneDigits').anyOf(keys.phones).toArray() : [],
			keys.cards.length ? db.cards.bulkGet(keys.cards) : []
		]);
		const result: LookupResult = {
			users: new Map(present(users).map((u) => [u.id, u])),
			byEmail: new Map(byEmail.flatMap((u) => (u.email ? [[u.email, u] as const] : []))),
			byPhone: new Map(
				byPhone.flatMap((u) => (u.phoneDigits ? [[u.phoneDigits, u] as const] : []))
			),
			cards: new Map(present(cards).map((c) => [c.number, c])),
			cardCounts: new Map()
		};
		const holders = [...result.cards.values()]
			.map((card) => card.userId)
			.filter((id) => !result.users.has(id));
		for (const holder of present(await db.users.bulkGet(holders))) {
			result.users.set(holder.id, holder);
		}
		const found = [...result.users.keys()];
		const held = found.length ? await db.cards.where('userId').anyOf(found).keys() : [];
		for (const holder of held as UserId[]) {
			result.cardCounts.set(holder, (result.cardCounts.get(holder) ?? 0) + 1);
		}
		return result;
	});
}

/** What the database held when a run started, as filters: keys outside them need no look-up. */
export interface ExistingKeys {
	userIds: KeyFilter;
	emails: KeyFilter;
	phones: KeyFilter;
	cards: KeyFilter;
}

const KEY_PAGE = 50_000;

/**
 * Reads every User ID, email, phone and card number once, page by page, into filters. While the
 * run holds the guard nobody else writes, and the file's own repeats are caught by the in-file
 * check, so the filters stay right for the whole run.
 */
export async function existingKeyFilters(db: RosterDatabase): Promise<ExistingKeys> {
	const [userIds, emails, phones, cards] = await Promise.all([
		KeyFilter.fromPages(keyPages(db.users, ':id')),
		KeyFilter.fromPages(keyPages(db.users, 'email')),
		KeyFilter.fromPages(keyPages(db.users, 'phoneDigits')),
		KeyFilter.fromPages(keyPages(db.cards, ':id'))
	]);
	return { userIds, emails, phones, cards };
}

/** The keys of a table's index (`:id` for the primary key) in pages, in key order. */
async function* keyPages(
	table: RosterDatabase['users'] | RosterDatabase['cards'],
	index: string
): AsyncGenerator<string[]> {
	let last: string | undefined;
	for (;;) {
		const range = last === undefined ? table.orderBy(index) : table.where(index).above(last);
		const page = (await range.limit(KEY_PAGE).keys()) as string[];
		if (page.length === 0) return;
		yield page;
		last = page[page.length - 1];
		if (page.length < KEY_PAGE) return;
	}
}

/** Narrows a chunk's look-ups to the keys that may exist. */
export function narrowLookup(keys: LookupRequest, existing: ExistingKeys): LookupRequest {
	return {
		userIds: existing.userIds.keep(keys.userIds),
		laterUserIds: keys.laterUserIds,
		emails: existing.emails.keep(keys.emails),
		phones: existing.phones.keep(keys.phones),
		cards: existing.cards.keep(keys.cards)
	};
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
		[
			db.users,
			db.cards,
			db.importResults,
			db.importJournal,
			db.importSessions,
			db.outbox,
			db.settings
		],
		async () => {
			// Another run took the site (this one's lease lapsed, or both started at once): this
			// chunk would be refused by the server, so the run stops here, resumable.
			await assertSiteLeaseFree(db, sessionId, commit.now);
			const session = await db.importSessions.get(sessionId);
			await Promise.all([
				commit.users.length ? db.users.bulkPut(commit.users) : undefined,
				commit.cards.length ? db.cards.bulkPut(commit.cards) : undefined,
				queueRecordsWrite(db, {
					source: importSource(session?.fileName),
					users: commit.users,
					cards: commit.cards,
					lease: session && claimOf({ ...session, cursor: commit.cursor })
				}),
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
 * what it changed gets its before-image back, except the records changed since the import, which
 * are left as they are and added to the session's `undoSkipped` (see undo-plan.ts). Each replayed
 * chunk's journal, results, skipped records and tally go in the same transaction, so an undo
 * interrupted half-way resumes where it stopped. A chunk is a few bulk reads, then every write
 * issued at once, deletes by runs of keys: no await per record (docs/architecture.md, "Undo").
 */
export async function undoJournal(db: RosterDatabase, sessionId: SessionId): Promise<void> {
	const chunks = await db.importJournal
		.where('[sessionId+chunk]')
		.between([sessionId, -Infinity], [sessionId, Infinity])
		.primaryKeys();
	for (let index = chunks.length - 1; index >= 0; index -= 1) {
		const key = chunks[index];
		if (!key) continue;
		await db.transaction(
			'rw',
			[
				db.users,
				db.cards,
				db.images,
				db.importJournal,
				db.importResults,
				db.importSessions,
				db.outbox
			],
			async () => {
				const [entry, session] = await Promise.all([
					db.importJournal.get(key),
					db.importSessions.get(sessionId)
				]);
				if (!entry || !session) return;
				const current = await currentRecords(db, entry);
				const plan = planUndo(entry, current.users, current.cards, current.laterCards);
				const { users, cards, skipped } = plan;
				// Whatever card a user the import created still holds goes with that user (the cards
				// this chunk's journal puts back or removes are decided by the plan).
				const removed = new Set(users.remove);
				const planned = new Set([...cards.remove, ...cards.restore.map((c) => c.number)]);
				const heldByRemoved = current.held
					.filter((c) => removed.has(c.userId) && !planned.has(c.number))
					.map((c) => c.number);
				// Only a user marked as having an image has an image record (repositories/images.ts):
				// deleting the others' would cost a request each for nothing.
				const withImage = users.remove.filter((id) => current.users.get(id)?.hasImage === true);
				const undoTally = addToTally(session.undoTally, plan, heldByRemoved.length);
				await Promise.all([
					deleteInRuns(db.users, users.remove),
					db.images.bulkDelete(withImage),
					deleteInRuns(db.cards, [...cards.remove, ...heldByRemoved]),
					db.importJournal.delete(key),
					db.importResults.delete(key),
					db.importSessions.update(sessionId, {
						undoTally,
						...(skipped.length ? { undoSkipped: addSkipped(session.undoSkipped, skipped) } : {})
					})
				]);
				// After the deletes: a range delete covers the keys it read, and a record put back
				// inside that range meanwhile must not go with them.
				await Promise.all([
					db.users.bulkPut(users.restore),
					db.cards.bulkPut(cards.restore),
					queueRecordsWrite(db, {
						source: `undoing ${importSource(session.fileName)}`,
						users: users.restore,
						cards: cards.restore,
						removeUsers: users.remove,
						removeCards: [...cards.remove, ...heldByRemoved],
						lease: claimOf({ ...session, undoTally })
					})
				]);
			}
		);
	}
}

/**
 * The users and cards of a journal chunk as they are now, with the holders of its cards, the
 * cards the users it created hold, and of those the ones registered since the import.
 *
 * The cards of the users the chunk created are read by holder, one request per user, all issued at
 * once: that also reads most of the chunk's own cards, so only the rest are read by number. (An
 * `anyOf` over the holders' index walks a cursor with one round trip per key, which made Undo
 * several times slower than the import.)
 */
async function currentRecords(db: RosterDatabase, entry: JournalChunk) {
	const created = entry.users.filter((u) => u.before === null).map((u) => u.id);
	const [users, heldByCreated] = await Promise.all([
		db.users.bulkGet(entry.users.map((u) => u.id)),
		Promise.all(created.map((id) => db.cards.where('userId').equals(id).toArray()))
	]);
	const held = heldByCreated.flat();
	const heldNumbers = new Set(held.map((c) => c.number));
	const rest = entry.cards.map((c) => c.number).filter((n) => !heldNumbers.has(n));
	const byId = new Map(present(users).map((u) => [u.id, u]));
	const journalled = new Set(entry.cards.map((c) => c.number));
	const byNumber = new Map(
		held
			.filter((c) => journalled.has(c.number))
			.concat(present(await db.cards.bulkGet(rest)))
			.map((c) => [c.number, c] as const)
	);
	const laterCards = new Map(
		held.filter((c) => !journalled.has(c.number)).map((c) => [c.userId, c.number] as const)
	);
	const holders = [...byNumber.values()].map((c) => c.userId).filter((id) => !byId.has(id));
	for (const holder of present(await db.users.bulkGet(holders))) byId.set(holder.id, holder);
	return { users: byId, cards: byNumber, held, laterCards };
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

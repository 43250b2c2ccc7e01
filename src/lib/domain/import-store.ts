/**
 * The storage port of the import engine (docs/architecture.md, "Imports on the server"): the one
 * chunk loop (src/lib/import/core/chunk-loop.ts) reads and writes through it, so the same rules
 * run against IndexedDB in the browser's worker and against PostgreSQL on the site server.
 */
import type { ImportCounters, ImportCursor } from './import-session';
import type { Card, CardNumber, SessionId, User, UserId } from './model';
import type { FailedRecord, SucceededRecord } from './result-files';
import type { JournalCard, JournalUser } from './undo-plan';

/** The keys whose stored records a chunk must see (chunk-plan.ts `lookupKeys`). */
export interface LookupKeys {
	userIds: UserId[];
	/** Users of later rows of a User ID: looked up even when a key filter says they cannot exist. */
	laterUserIds: UserId[];
	emails: string[];
	phones: string[];
	cards: CardNumber[];
}

/** What the database holds for the keys of one chunk, looked up in bulk before deciding. */
export interface ChunkLookups {
	/** The chunk's users by ID, and the holders of its cards. */
	users: Map<UserId, User>;
	byEmail: Map<string, User>;
	byPhone: Map<string, User>;
	cards: Map<CardNumber, Card>;
	/** How many cards each user of `users` holds. */
	cardCounts: Map<UserId, number>;
}

/** Before-images of what one chunk changed, for Undo (see undo-plan.ts). */
export interface ChunkJournal {
	users: JournalUser[];
	cards: JournalCard[];
}

/** Everything one chunk writes, decided before its transaction opens. */
export interface ChunkPlan {
	users: User[];
	cards: Card[];
	journal: ChunkJournal;
	succeeded: SucceededRecord[];
	failed: FailedRecord[];
	counters: ImportCounters;
}

/** One chunk as the store commits it: in ONE transaction, with the cursor after it. */
export interface ChunkCommit {
	sessionId: SessionId;
	chunk: number;
	users: User[];
	cards: Card[];
	results: { succeeded: SucceededRecord[]; failed: FailedRecord[] };
	journal: ChunkJournal;
	cursor: ImportCursor;
	counters: ImportCounters;
	now: number;
}

/**
 * Where a run reads what exists and writes its chunks. A commit lands whole or not at all, with
 * the cursor, so a run stopped anywhere resumes from the last committed chunk; it is refused
 * (IMPORT_IN_PROGRESS) when the run no longer holds the site.
 */
export interface ImportStore {
	lookup(keys: LookupKeys): Promise<ChunkLookups>;
	/** The most cards a user may hold (Settings), read for each chunk. */
	maxCardsPerUser(): Promise<number>;
	commit(chunk: ChunkCommit): Promise<void>;
}

/**
 * Every version of the `roster` database, oldest first. A new version is appended, never edited:
 * browsers that already hold version N upgrade through each later entry in turn.
 *
 * Keep indexes few: each one is paid on every write of an import (docs/architecture.md,
 * "Data model").
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
	version: number;
	/** Dexie store specs: only the tables that change, `null` deletes a table. */
	stores: Record<string, string | null>;
	/** Rewrites existing records when the shape changes; runs inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: {
			users: 'id, email, phoneDigits',
			cards: 'number, userId',
			importSessions: 'id, status',
			importResults: '[sessionId+chunk]',
			importJournal: '[sessionId+chunk]',
			images: 'userId',
			settings: 'key'
		}
	},
	{
		// The source file leaves the session row for a table of its own. Every write of the row
		// (each chunk's cursor) stored a new copy of the file: a 120 MB file was written again
		// about 200 times during its import, and disk use grew by its size with each copy.
		version: 2,
		stores: { importFiles: 'sessionId' },
		upgrade: (tx) => moveSessionFiles(tx)
	},
	{
		// The replica of the site server (docs/architecture.md, "The replica"): the mutations
		// waiting to be sent, oldest first, and where the feed was read up to. Users and cards keep
		// their records; a browser-only site (no `replica` row) stays as it is until moved in.
		version: 3,
		stores: { outbox: 'id, createdAt', replica: 'key' }
	},
	{
		// The site server's import jobs, as the feed brings them (docs/architecture.md, "Imports on
		// the server"): every admin's Import users shows the site's job, its end and its results.
		version: 4,
		stores: { siteImports: 'id' }
	}
];

/** A session row as version 1 stored it: the current types no longer describe its `file`. */
interface VersionOneSession {
	id: string;
	file?: Blob;
}

/**
 * Moves each session's `file` (kept inside the session row before version 2) into importFiles.
 * Runs in the upgrade transaction, or in a transaction of the database after a restore of a
 * backup made before version 2.
 */
export async function moveSessionFiles(source: Pick<Transaction, 'table'>): Promise<void> {
	const sessions = source.table<VersionOneSession, string>('importSessions');
	const files = source.table<{ sessionId: string; file: Blob }, string>('importFiles');
	const moved: { sessionId: string; file: Blob }[] = [];
	await sessions.toCollection().modify((session) => {
		if (!session.file) return;
		moved.push({ sessionId: session.id, file: session.file });
		delete session.file;
	});
	await files.bulkPut(moved);
}

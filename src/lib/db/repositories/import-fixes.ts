import { failedAfterFix } from '$lib/domain/fixed-rows';
import type { ImportCounters } from '$lib/domain/import-session';
import type { Card, SessionId, User } from '$lib/domain/model';
import type { FailedRecord, SucceededRecord } from '$lib/domain/result-files';
import type { RosterDatabase } from '../database';
import type { JournalChunk } from '../records';
import { claimOf } from '$lib/domain/site-lease';
import { importSource, queueRecordsWrite } from '../site-outbox';

/**
 * The import of failed rows fixed in See Results (docs/architecture.md, "Fixing failed rows").
 * Like the run's chunks (import-chunks.ts) these bypass the guard: the engine holds it.
 */

/** Every failed row of a session, in file order, with the chunk whose record holds it. */
export async function failedRowsOf(
	db: RosterDatabase,
	sessionId: SessionId
): Promise<{ chunk: number; record: FailedRecord }[]> {
	const rows: { chunk: number; record: FailedRecord }[] = [];
	await db.importResults
		.where('[sessionId+chunk]')
		.between([sessionId, -Infinity], [sessionId, Infinity])
		.each((result) => {
			for (const record of result.failed) rows.push({ chunk: result.chunk, record });
		});
	return rows.sort((a, b) => a.record.row - b.record.row);
}

export interface FixCommit {
	sessionId: SessionId;
	/** The fix's own chunk number: the next one after every chunk of the session. */
	chunk: number;
	users: User[];
	cards: Card[];
	succeeded: SucceededRecord[];
	/** The fixed rows that still fail, with their edited cells and new reasons. */
	failed: FailedRecord[];
	journal: Pick<JournalChunk, 'users' | 'cards'>;
	/** The chunks whose failed records hold the rows of this fix. */
	sources: number[];
	counters: ImportCounters;
	now: number;
}

/**
 * Writes one chunk of fixed rows in ONE transaction: its users and cards, its own result record
 * (the succeeded rows, so the succeeded file lists them) and journal record (so Undo removes
 * them), the source chunks' failed records without the imported rows, and the counters.
 */
export async function commitFixChunk(db: RosterDatabase, commit: FixCommit): Promise<void> {
	const { sessionId, chunk } = commit;
	const imported = new Set(commit.succeeded.map((record) => record.row));
	const refailed = new Map(commit.failed.map((record) => [record.row, record]));
	await db.transaction(
		'rw',
		[db.users, db.cards, db.importResults, db.importJournal, db.importSessions, db.outbox],
		async () => {
			const sources = await db.importResults.bulkGet(
				commit.sources.map((source) => [sessionId, source])
			);
			const session = await db.importSessions.get(sessionId);
			await Promise.all([
				commit.users.length ? db.users.bulkPut(commit.users) : undefined,
				commit.cards.length ? db.cards.bulkPut(commit.cards) : undefined,
				queueRecordsWrite(db, {
					source: `fixed rows of ${importSource(session?.fileName)}`,
					users: commit.users,
					cards: commit.cards,
					lease: session && claimOf(session)
				}),
				db.importResults.bulkPut(
					sources.flatMap((source) =>
						source ? [{ ...source, failed: failedAfterFix(source.failed, imported, refailed) }] : []
					)
				),
				db.importResults.put({ sessionId, chunk, succeeded: commit.succeeded, failed: [] }),
				db.importJournal.put({ sessionId, chunk, ...commit.journal }),
				session
					? db.importSessions.update(sessionId, {
							counters: commit.counters,
							cursor: { ...session.cursor, chunks: chunk + 1 },
							updatedAt: commit.now
						})
					: undefined
			]);
		}
	);
}

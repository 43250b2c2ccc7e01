import { refusal, toAppErrors, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import type { Table } from 'dexie';
import type { RosterDatabase } from './database';
import type { ImportSession } from '$lib/domain/import-session';
import { LOCKING_STATUSES } from '$lib/domain/import-lifecycle';

/** The session holding the guard (running, undoing or issuing), if any. */
export function guardHolder(db: RosterDatabase): Promise<ImportSession | undefined> {
	return db.importSessions.where('status').anyOf(LOCKING_STATUSES).first();
}

/**
 * Throws IMPORT_IN_PROGRESS when an import session holds the guard. Call it inside a read-write
 * transaction that includes `importSessions`: the Web Lock alone is advisory, this check is not,
 * because the session row and the write share one transaction.
 */
export async function assertNoImportRunning(db: RosterDatabase): Promise<void> {
	const running = await guardHolder(db);
	if (running) {
		throw refusal(
			'IMPORT_IN_PROGRESS',
			`Import in progress (${running.fileName}): users and cards can't be created or edited until it finishes.`,
			{ sessionId: running.id, fileName: running.fileName }
		);
	}
}

/**
 * Runs `work` in one read-write transaction over `tables` after checking the import guard.
 * Anything thrown inside aborts the whole transaction and comes back as a failed Result, so a
 * refused write leaves nothing half-written; AppFailures come back as all their errors.
 */
export async function guardedWrite<T>(
	db: RosterDatabase,
	tables: Table[],
	work: () => Promise<T>
): Promise<Result<T, AppError>> {
	try {
		const value = await db.transaction('rw', [db.importSessions, ...tables], async () => {
			await assertNoImportRunning(db);
			return work();
		});
		return ok(value);
	} catch (thrown) {
		return fail(...toAppErrors(thrown));
	}
}

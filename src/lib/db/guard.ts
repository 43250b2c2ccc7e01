import { refusal, toAppErrors, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import type { Table } from 'dexie';
import type { RosterDatabase } from './database';
import type { ImportSession } from '$lib/domain/import-session';
import { LOCKING_STATUSES } from '$lib/domain/import-lifecycle';
import { leaseSummary, liveLease, type SiteLease } from '$lib/domain/site-lease';

/** Where the replica keeps the site's import lease, as the feed last brought it. */
export const SITE_LEASE_KEY = 'site:import-lease';

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
 * The site's live lease as this replica knows it, unless `holder` (a run of this browser) holds
 * it: another admin's import, or this admin's in another browser. Read it in a transaction that
 * includes `settings`.
 */
export async function foreignSiteLease(
	db: RosterDatabase,
	holder: string | undefined,
	now: number
): Promise<SiteLease | null> {
	const stored = await db.settings.get(SITE_LEASE_KEY);
	const lease = liveLease(stored?.value as SiteLease | null | undefined, now);
	return lease && lease.holder !== holder ? lease : null;
}

/** Throws IMPORT_IN_PROGRESS, naming the run, while a run elsewhere holds the site's lease. */
export async function assertSiteLeaseFree(
	db: RosterDatabase,
	holder: string | undefined,
	now = Date.now()
): Promise<void> {
	const lease = await foreignSiteLease(db, holder, now);
	if (lease) {
		throw refusal(
			'IMPORT_IN_PROGRESS',
			`${leaseSummary(lease)}. Try again when it has ended.`,
			{ holder: lease.holder, fileName: lease.fileName }
		);
	}
}

/** A refusal because a run elsewhere holds the site (not because another tab runs this one). */
export const isSiteLeaseRefusal = (error: AppError): boolean =>
	error.code === 'IMPORT_IN_PROGRESS' && typeof error.detail?.holder === 'string';

/**
 * Runs `work` in one read-write transaction over `tables` after checking the import guard and
 * the site's lease (the server refuses such a write anyway; refusing here says so at once).
 * Anything thrown inside aborts the whole transaction and comes back as a failed Result, so a
 * refused write leaves nothing half-written; AppFailures come back as all their errors.
 */
export async function guardedWrite<T>(
	db: RosterDatabase,
	tables: Table[],
	work: () => Promise<T>
): Promise<Result<T, AppError>> {
	try {
		const value = await db.transaction(
			'rw',
			[db.importSessions, db.settings, ...tables],
			async () => {
				await assertNoImportRunning(db);
				await assertSiteLeaseFree(db, undefined);
				return work();
			}
		);
		return ok(value);
	} catch (thrown) {
		return fail(...toAppErrors(thrown));
	}
}

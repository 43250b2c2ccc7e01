import { AppFailure, appError, refusal, type AppError } from '$lib/domain/errors';
import {
	EMPTY_COUNTERS,
	START_CURSOR,
	type ImportSession,
	type WizardStep
} from '$lib/domain/import-session';
import { locks, transition, type LifecycleEvent } from '$lib/domain/import-lifecycle';
import type { SessionId } from '$lib/domain/model';
import { claimOf } from '$lib/domain/site-lease';
import type { RosterDatabase } from '../database';
import { assertSiteLeaseFree, guardHolder } from '../guard';
import { queueSiteWrite } from '../site-outbox';
import { deleteSessionData } from './import-chunks';

/**
 * The import session row: one at a time, from the file being chosen until Complete. Every change
 * of its status goes through `applyTransition`, which asks the lifecycle
 * (src/lib/domain/import-lifecycle.ts) whether the event is allowed.
 */

/** The current session, if any (there is at most one that is not configuring). */
export async function currentSession(db: RosterDatabase): Promise<ImportSession | undefined> {
	const sessions = await db.importSessions.toArray();
	return sessions.sort((a, b) => b.createdAt - a.createdAt)[0];
}

export async function requireSession(db: RosterDatabase, id: SessionId): Promise<ImportSession> {
	const session = await db.importSessions.get(id);
	if (!session) {
		throw refusal(
			'SESSION_NOT_FOUND',
			'This import no longer exists (it was completed in another tab). Start a new one.'
		);
	}
	return session;
}

/** The source file of a session. */
export async function sessionFile(db: RosterDatabase, id: SessionId): Promise<Blob> {
	const stored = await db.importFiles.get(id);
	if (!stored) {
		throw refusal(
			'SESSION_NOT_FOUND',
			'The file of this import is no longer stored (the import was completed in another tab). Start a new one.'
		);
	}
	return stored.file;
}

/**
 * Starts a new session for a new file. A session still being configured is replaced; one that
 * has run keeps its results until the admin completes it, so a new one is refused meanwhile.
 */
export async function openSession(
	db: RosterDatabase,
	session: ImportSession,
	file: Blob
): Promise<void> {
	await db.transaction('rw', db.importSessions, db.importFiles, async () => {
		const others = await db.importSessions.toArray();
		for (const other of others) {
			const allowed = transition(other, 'open');
			if (!allowed.ok) throw refused(allowed);
		}
		const replaced = others.map((other) => other.id);
		await db.importSessions.bulkDelete(replaced);
		await db.importFiles.bulkDelete(replaced);
		await db.importSessions.add(session);
		await db.importFiles.put({ sessionId: session.id, file });
	});
}

/** What an event may change in the row besides its status. */
export type TransitionPatch = Partial<
	Pick<
		ImportSession,
		| 'encoding'
		| 'delimiter'
		| 'workbook'
		| 'settings'
		| 'mapping'
		| 'header'
		| 'error'
		| 'totalRows'
	>
>;

/** The wizard step each event leads to; absent: the step stays. */
const STEP_AFTER: Partial<Record<LifecycleEvent, WizardStep>> = {
	start: 'import',
	finish: 'results',
	cancel: 'results',
	keep: 'results',
	'undo-finish': 'results'
};

/**
 * Applies a lifecycle event to a session in one transaction with the guard check: an illegal
 * event is refused with SESSION_STATE, and entering a locking status while another session holds
 * the guard with IMPORT_IN_PROGRESS. Re-entering the status a session is already in (a resume)
 * is for whoever holds the import lock; the engine takes it before it calls this.
 */
export async function applyTransition(
	db: RosterDatabase,
	id: SessionId,
	event: Exclude<LifecycleEvent, 'open' | 'complete'>,
	now: number,
	patch: TransitionPatch = {}
): Promise<ImportSession> {
	return db.transaction('rw', [db.importSessions, db.settings, db.outbox], async () => {
		const session = await requireSession(db, id);
		const allowed = transition(session, event);
		if (!allowed.ok) throw refused(allowed);
		const status = allowed.value;
		if (status === 'gone') throw new Error(`${event} does not delete a session`);
		if (locks(status)) {
			const holder = await guardHolder(db);
			if (holder && holder.id !== id) {
				throw refusal(
					'IMPORT_IN_PROGRESS',
					`Import in progress: ${holder.fileName}. Wait for it to finish.`,
					{ sessionId: holder.id, fileName: holder.fileName }
				);
			}
			await assertSiteLeaseFree(db, id, now);
		}
		const next: ImportSession = { ...session, ...patch, status, updatedAt: now };
		next.step = STEP_AFTER[event] ?? next.step;
		if (event === 'start') {
			next.startedAt = session.startedAt ?? now;
			delete next.error;
		}
		// A failed run stays on the Import step with Resume; a failed issuing of cards stays put.
		const runFailed = event === 'fail' && session.status === 'running';
		if (runFailed) next.step = 'import';
		if (runFailed || ['finish', 'cancel', 'keep', 'undo-finish'].includes(event)) {
			next.finishedAt = now;
		}
		if (event === 'undo-finish') {
			next.undone = true;
			next.counters = { ...EMPTY_COUNTERS };
			next.cursor = { ...START_CURSOR };
		}
		await db.importSessions.put(next);
		await tellSiteOfLease(db, session, next, now);
		return next;
	});
}

/**
 * The site's lease follows the guard: a run that starts (or resumes) takes it, a run that ends
 * releases it. Queued in the transition's transaction, behind the run's own chunks, so the site
 * is freed only once the server has every chunk (docs/architecture.md, "The site-wide import
 * lock").
 */
async function tellSiteOfLease(
	db: RosterDatabase,
	before: ImportSession,
	after: ImportSession,
	now: number
): Promise<void> {
	const claim = claimOf(after);
	if (claim) await queueSiteWrite(db, { type: 'lease.take', lease: claim }, now);
	else if (locks(before.status))
		await queueSiteWrite(db, { type: 'lease.release', holder: before.id }, now);
}

/** Complete: the results, the journal, the stored file and the session row are deleted. */
export async function completeSession(db: RosterDatabase, id: SessionId): Promise<void> {
	const session = await requireSession(db, id);
	const allowed = transition(session, 'complete');
	if (!allowed.ok) throw refused(allowed);
	await deleteSessionData(db, id);
	await db.transaction('rw', db.importSessions, db.importFiles, async () => {
		await db.importFiles.delete(id);
		await db.importSessions.delete(id);
	});
}

/** The lifecycle's refusal, thrown so the transaction it happened in is rolled back. */
function refused(result: { errors: AppError[] }): AppFailure {
	return new AppFailure(
		result.errors[0] ?? appError('SESSION_STATE', 'This import cannot do that now.')
	);
}

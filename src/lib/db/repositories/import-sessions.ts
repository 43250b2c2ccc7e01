import { refusal } from '$lib/domain/errors';
import type { SessionId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import type { ImportSession } from '../import-session';
import { LOCKING_STATUSES } from '../records';
import { guardHolder } from '../guard';
import { deleteSessionData } from './import-chunks';

/**
 * The import session row: one at a time, from the file being chosen until Complete.
 * These functions keep its status machine honest:
 * configuring → running → done | cancelled | interrupted; done/cancelled/interrupted → undoing.
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
		const blocking = others.find((other) => other.status !== 'configuring');
		if (blocking) {
			throw refusal(
				'SESSION_STATE',
				blocking.status === 'running'
					? `An import of ${blocking.fileName} is running. Wait for it to finish.`
					: `The results of importing ${blocking.fileName} are still open. Download what you need and click Complete first.`,
				{ sessionId: blocking.id, fileName: blocking.fileName }
			);
		}
		const replaced = others.map((other) => other.id);
		await db.importSessions.bulkDelete(replaced);
		await db.importFiles.bulkDelete(replaced);
		await db.importSessions.add(session);
		await db.importFiles.put({ sessionId: session.id, file });
	});
}

/** Changes a session that is still being configured. */
export async function configureSession(
	db: RosterDatabase,
	id: SessionId,
	patch: Partial<Pick<ImportSession, 'encoding' | 'delimiter' | 'settings' | 'mapping' | 'header'>>,
	now: number
): Promise<ImportSession> {
	return db.transaction('rw', db.importSessions, async () => {
		const session = await requireSession(db, id);
		if (session.status !== 'configuring') {
			throw refusal('SESSION_STATE', 'This import has already started; its settings are fixed.');
		}
		const next = { ...session, ...patch, updatedAt: now };
		await db.importSessions.put(next);
		return next;
	});
}

/**
 * Takes the guard: the session becomes `running` in the same transaction that checks no other
 * session holds it. A session already `running` is being resumed by whoever holds the Web Lock.
 */
export async function beginRun(
	db: RosterDatabase,
	id: SessionId,
	now: number
): Promise<ImportSession> {
	return db.transaction('rw', db.importSessions, async () => {
		const session = await requireSession(db, id);
		const holder = await guardHolder(db);
		if (holder && holder.id !== id) {
			throw refusal(
				'IMPORT_IN_PROGRESS',
				`Import in progress: ${holder.fileName} is being imported. Wait for it to finish.`,
				{ sessionId: holder.id, fileName: holder.fileName }
			);
		}
		if (!['configuring', 'running', 'interrupted'].includes(session.status)) {
			throw refusal('SESSION_STATE', `This import is ${session.status}; it cannot run again.`);
		}
		const next: ImportSession = {
			...session,
			status: 'running',
			step: 'import',
			startedAt: session.startedAt ?? now,
			updatedAt: now
		};
		delete next.error;
		await db.importSessions.put(next);
		return next;
	});
}

/** Ends a run: releases the guard with the outcome. */
export async function endRun(
	db: RosterDatabase,
	id: SessionId,
	patch: Pick<ImportSession, 'status'> & Partial<Pick<ImportSession, 'error' | 'totalRows'>>,
	now: number
): Promise<ImportSession> {
	return db.transaction('rw', db.importSessions, async () => {
		const session = await requireSession(db, id);
		const next: ImportSession = {
			...session,
			...patch,
			step: patch.status === 'interrupted' ? 'import' : 'results',
			finishedAt: now,
			updatedAt: now
		};
		await db.importSessions.put(next);
		return next;
	});
}

/** Takes the guard for an undo of a finished, cancelled or interrupted run. */
export async function beginUndo(db: RosterDatabase, id: SessionId, now: number): Promise<void> {
	await db.transaction('rw', db.importSessions, async () => {
		const session = await requireSession(db, id);
		const holder = await guardHolder(db);
		if (holder && !(holder.id === id && holder.status === 'undoing')) {
			throw refusal(
				'IMPORT_IN_PROGRESS',
				`Import in progress: ${holder.fileName}. Undo is possible once it stops.`
			);
		}
		if (session.undone) throw refusal('SESSION_STATE', 'This import has already been undone.');
		await db.importSessions.update(id, { status: 'undoing', updatedAt: now });
	});
}

/** Takes the guard for issuing the cards of a finished import; `endIssuing` gives it back. */
export async function beginIssuing(
	db: RosterDatabase,
	id: SessionId,
	now: number
): Promise<ImportSession> {
	return db.transaction('rw', db.importSessions, async () => {
		const session = await requireSession(db, id);
		const holder = await guardHolder(db);
		if (holder) {
			throw refusal(
				'IMPORT_IN_PROGRESS',
				`Import in progress: ${holder.fileName}. Cards can be issued once it stops.`
			);
		}
		if (session.status !== 'done' || session.undone) {
			throw refusal('SESSION_STATE', 'Cards can be issued once the import has finished.');
		}
		const next: ImportSession = { ...session, status: 'issuing', updatedAt: now };
		await db.importSessions.put(next);
		return next;
	});
}

export async function endIssuing(db: RosterDatabase, id: SessionId, now: number): Promise<void> {
	await db.importSessions.update(id, { status: 'done', updatedAt: now });
}

/** Complete: the results, the journal, the stored file and the session row are deleted. */
export async function completeSession(db: RosterDatabase, id: SessionId): Promise<void> {
	const session = await requireSession(db, id);
	if (LOCKING_STATUSES.includes(session.status)) {
		throw refusal('SESSION_STATE', 'The import is still running; Complete is possible after it.');
	}
	await deleteSessionData(db, id);
	await db.transaction('rw', db.importSessions, db.importFiles, async () => {
		await db.importFiles.delete(id);
		await db.importSessions.delete(id);
	});
}

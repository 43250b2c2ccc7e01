import { refusal } from '$lib/domain/errors';

/**
 * The Web Lock every import, undo and bulk issue holds for its whole run (docs/architecture.md,
 * "The import lock").
 */
export const IMPORT_LOCK_NAME = 'roster-import';

export interface ImportLock {
	/** Runs `work` holding the lock, or refuses at once with IMPORT_IN_PROGRESS if it is taken. */
	run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The browser's exclusive Web Lock. It is released when `work` settles or when the context that
 * holds it dies (tab closed, crash), which is how the next start knows a `running` session was
 * interrupted rather than still running. Where there are no Web Locks (unit tests in Node), the
 * database guard alone keeps imports exclusive.
 */
export const webImportLock: ImportLock = {
	async run<T>(work: () => Promise<T>): Promise<T> {
		const locks = globalThis.navigator?.locks;
		if (!locks) return work();
		return locks.request(IMPORT_LOCK_NAME, { ifAvailable: true }, async (lock) => {
			if (!lock) {
				throw refusal(
					'IMPORT_IN_PROGRESS',
					'Import in progress in another tab or window. Wait for it to finish.'
				);
			}
			return work();
		});
	}
};

/** Whether any context of this origin holds the import lock right now. */
export async function isImportLockHeld(): Promise<boolean> {
	const locks = globalThis.navigator?.locks;
	if (!locks) return false;
	const { held = [] } = await locks.query();
	return held.some((lock) => lock.name === IMPORT_LOCK_NAME);
}

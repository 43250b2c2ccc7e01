import type { ImportSession } from '$lib/domain/import-session';
import { locks } from '$lib/domain/import-lifecycle';
import { currentImport } from './current-import.svelte';

/**
 * Whether an import holds the guard right now, seen from this tab. Screens disable every control
 * that would write users or cards while `locked` is true; the repositories refuse such writes
 * anyway, this only keeps the admin from trying.
 */
class ImportActivity {
	/**
	 * The session holding the guard, if any. Only the newest session can: a new file is refused
	 * while any session has run, so an older one is at most being configured.
	 */
	get session(): ImportSession | undefined {
		const session = currentImport.session;
		return session && locks(session.status) ? session : undefined;
	}

	get locked(): boolean {
		return this.session !== undefined;
	}
}

export const importActivity = new ImportActivity();

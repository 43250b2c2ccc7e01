import { database } from '$lib/db/database';
import type { ImportSession } from '$lib/domain/import-session';
import { LOCKING_STATUSES } from '$lib/domain/import-lifecycle';
import { LiveValue } from '$lib/db/live.svelte';

/**
 * Whether an import holds the guard right now, seen from this tab. Screens disable every control
 * that would write users or cards while `locked` is true; the repositories refuse such writes
 * anyway, this only keeps the admin from trying.
 */
class ImportActivity {
	// Created up front, not on first read: a live query first created inside a $derived would
	// belong to that derived and never update it.
	readonly #running = new LiveValue<ImportSession | undefined>(
		() => database().importSessions.where('status').anyOf(LOCKING_STATUSES).first(),
		undefined
	);

	/** The session holding the guard, if any. */
	get session(): ImportSession | undefined {
		return this.#running.current;
	}

	get locked(): boolean {
		return this.session !== undefined;
	}
}

export const importActivity = new ImportActivity();

import { database } from '$lib/db/database';
import { currentSession } from '$lib/db/repositories/import-sessions';
import type { ImportSession } from '$lib/domain/import-session';
import { LiveValue } from './live-value.svelte';

/**
 * The import session row, live, for every part of a tab that shows it: the wizard, the banner,
 * the import lock seen by the screens, the supervisor. One query of the row, not one each.
 */
class CurrentImport {
	/** null until the first read of the database answers. */
	readonly #row = new LiveValue<{ session: ImportSession | undefined } | null>(
		async () => ({ session: await currentSession(database()) }),
		null
	);

	/** False until the database has answered once (the wizard shows Loading meanwhile). */
	get loaded(): boolean {
		return this.#row.current !== null;
	}

	/** The current session, if any. */
	get session(): ImportSession | undefined {
		return this.#row.current?.session;
	}
}

export const currentImport = new CurrentImport();

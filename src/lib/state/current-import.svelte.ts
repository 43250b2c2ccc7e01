import { database } from '$lib/db/database';
import { currentSession } from '$lib/db/repositories/import-sessions';
import type { ImportJobView } from '$lib/domain/import-job';
import type { ImportSession } from '$lib/domain/import-session';
import { LiveValue } from './live-value.svelte';

/**
 * The import session row, live, for every part of a tab that shows it: the wizard, the banner,
 * the import lock seen by the screens, the supervisor. One query of the row, not one each. Beside
 * it, the site server's newest import job the replica holds (docs/architecture.md, "Imports on
 * the server"): every admin's wizard shows it until someone completes it.
 */
class CurrentImport {
	/** null until the first read of the database answers. */
	readonly #row = new LiveValue<{ session: ImportSession | undefined } | null>(
		async () => ({ session: await currentSession(database()) }),
		null
	);
	readonly #job = new LiveValue<{ job: ImportJobView | undefined } | null>(
		async () => ({ job: (await database().siteImports.toArray()).sort(newestFirst)[0] }),
		null
	);

	/** False until the database has answered once (the wizard shows Loading meanwhile). */
	get loaded(): boolean {
		return this.#row.current !== null && this.#job.current !== null;
	}

	/** This browser's session, if any: the file being configured, or a run of this browser. */
	get session(): ImportSession | undefined {
		return this.#row.current?.session;
	}

	/** The site's newest import job on the server that nobody has completed yet, if any. */
	get job(): ImportJobView | undefined {
		return this.#job.current?.job;
	}
}

const newestFirst = (a: ImportJobView, b: ImportJobView) => b.createdAt - a.createdAt;

export const currentImport = new CurrentImport();

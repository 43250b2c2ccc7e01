import { database } from '$lib/db/database';
import { LOCKING_STATUSES } from '$lib/domain/import-lifecycle';
import { currentSession } from '$lib/db/repositories/import-sessions';
import { importWorker, progressCallback } from '$lib/import/client';
import { isImportLockHeld } from '$lib/lock/import-lock';

const count = (n: number) => n.toLocaleString('en');

/**
 * Started once per tab by the layout. It connects the tab to the import worker (a SharedWorker
 * lives while any tab is connected, so an import outlives the tab that started it), and when the
 * app starts after every tab was closed or the browser died, it finds the session that says
 * `running` while nobody holds the import lock and resumes it from its cursor.
 */
class ImportSupervisor {
	/** What the supervisor is doing on its own, for the banner; null when nothing. */
	notice = $state<string | null>(null);
	#started = false;

	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		const worker = importWorker();
		const session = await currentSession(database());
		if (!session || !LOCKING_STATUSES.includes(session.status)) return;
		if (await isImportLockHeld()) return;

		const done = count(session.cursor.rows);
		if (session.status === 'undoing') {
			this.notice = `Finishing the undo of the import of ${session.fileName}`;
			await worker.undo(session.id);
		} else {
			const total = session.totalRows === undefined ? '' : ` of ${count(session.totalRows)}`;
			this.notice = `Resuming the import of ${session.fileName} — ${done}${total} rows done`;
			await worker.start(
				session.id,
				progressCallback(() => undefined)
			);
		}
		this.notice = null;
	}
}

export const importSupervisor = new ImportSupervisor();

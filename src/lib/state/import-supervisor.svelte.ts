import type { ImportSession } from '$lib/domain/import-session';
import { afterWorkerDied } from '$lib/domain/import-lifecycle';
import { importWorker, progressCallback } from '$lib/import/client';
import { isImportLockHeld } from '$lib/lock/import-lock';
import { currentImport } from './current-import.svelte';

/**
 * Started once per tab by the layout. It connects the tab to the import worker (a SharedWorker
 * lives while any tab is connected, so an import outlives the tab that started it), and whenever
 * the session row appears or changes status (the app starts after every tab was closed or the
 * browser died, a backup is restored) while it holds the guard and nobody holds the import lock,
 * it asks the lifecycle what the dead worker left behind and takes the work up again.
 */
class ImportSupervisor {
	/** What the supervisor is doing on its own, for the banner; null when nothing. */
	notice = $state<string | null>(null);
	#started = false;
	/** The session and status last looked at: a row that does not change is not looked at twice. */
	#seen: string | null = null;
	#recovering = false;

	start(): void {
		if (this.#started) return;
		this.#started = true;
		importWorker();
		$effect.root(() => {
			$effect(() => {
				const session = currentImport.session;
				const key = session ? `${session.id}:${session.status}` : null;
				if (!session || key === this.#seen) return;
				this.#seen = key;
				void this.#recover(session).catch((error: unknown) => console.error(error));
			});
		});
	}

	async #recover(session: ImportSession): Promise<void> {
		const { resume } = afterWorkerDied(session.status);
		if (resume === null || this.#recovering) return;
		// A live worker holds the lock for as long as the row says it works: nothing is stuck.
		if (await isImportLockHeld()) return;
		this.#recovering = true;
		const worker = importWorker();
		try {
			switch (resume) {
				case 'start':
					// No counts here: the banner shows this beside the session's live counts.
					this.notice = `Resuming the import of ${session.fileName}`;
					await worker.start(
						session.id,
						progressCallback(() => undefined)
					);
					break;
				case 'undo-start':
					this.notice = `Finishing the undo of the import of ${session.fileName}`;
					await worker.undo(session.id);
					break;
				case 'issue-start':
					this.notice = `Finishing issuing the cards of the import of ${session.fileName}`;
					await worker.issueCards(session.id);
					break;
				case 'fix-start':
					// The fixed rows not yet committed are still failed rows: this only ends the run.
					this.notice = `Finishing the import of fixed rows of ${session.fileName}`;
					await worker.importFixedRows(session.id, []);
					break;
			}
		} finally {
			// Refusals need no handling: another tab won the lock, or the row moved on meanwhile.
			this.#recovering = false;
			this.notice = null;
		}
	}
}

export const importSupervisor = new ImportSupervisor();

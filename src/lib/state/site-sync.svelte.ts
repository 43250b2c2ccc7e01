import type { SyncProgress } from '$lib/sync/api';

/** What the site worker reports, for the layout: first-sync progress and the outbox's size. */
class SiteSyncStatus {
	progress = $state<SyncProgress | null>(null);
	#started = false;

	/** Starts the site worker (once per page) and follows its progress. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		void this.#connect().catch((error: unknown) => console.warn(error));
	}

	async #connect(): Promise<void> {
		const { siteWorker, progressListener } = await import('$lib/sync/client');
		const worker = siteWorker();
		await worker.subscribe(progressListener((progress) => (this.progress = progress)));
		await worker.start();
	}

	/** The first sync of the site is under way (nothing shown once it has been done). */
	get firstSync(): { cursor: number; head: number } | null {
		const p = this.progress;
		if (!p || p.firstSyncDone || p.state === 'browser-only' || p.head === 0) return null;
		return { cursor: p.cursor, head: p.head };
	}

	get waiting(): number {
		return this.progress?.waiting ?? 0;
	}
}

export const siteSync = new SiteSyncStatus();

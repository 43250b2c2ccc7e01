import type { CardUpdate } from '$lib/domain/mutations';
import type { KeptRefusal, SyncProgress } from '$lib/sync/api';

export type { KeptRefusal };

/** What the site worker reports, for the layout: first-sync progress and the outbox's size. */
class SiteSyncStatus {
	progress = $state<SyncProgress | null>(null);
	/** Changes the server refused after they had waited: the admin is brought back to each. */
	refusals = $state<KeptRefusal[]>([]);
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
		await worker.subscribe(
			progressListener((progress) => {
				const refusedBefore = this.progress?.refused ?? 0;
				this.progress = progress;
				if (progress.refused !== refusedBefore) void this.#readRefusals();
			})
		);
		await worker.start();
	}

	async #readRefusals(): Promise<void> {
		const { siteWorker } = await import('$lib/sync/client');
		this.refusals = await siteWorker().refusals();
	}

	/** The refusal kept for this user's form, if any: what was typed and why it was refused. */
	refusalFor(userId: string | null): KeptRefusal | undefined {
		return this.refusals.find(({ mutation }) =>
			mutation.type === 'user.update'
				? mutation.userId === userId
				: mutation.type === 'user.create' && userId === null
		);
	}

	/** A change of one of this user's cards, refused after it waited: the page takes it back. */
	cardChangeRefusalFor(userId: string): (KeptRefusal & { mutation: CardUpdate }) | undefined {
		return this.refusals.find(
			(refusal): refusal is KeptRefusal & { mutation: CardUpdate } =>
				refusal.mutation.type === 'card.update' && refusal.mutation.userId === userId
		);
	}

	/** The admin has their input back in the form. */
	async dismiss(id: string): Promise<void> {
		this.refusals = this.refusals.filter((refusal) => refusal.id !== id);
		const { siteWorker } = await import('$lib/sync/client');
		await siteWorker().dismiss(id);
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

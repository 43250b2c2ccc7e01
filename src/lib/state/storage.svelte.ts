/**
 * Whether the browser keeps Roster's data when space runs short, and how much is used.
 * Everything lives in IndexedDB, so losing it to eviction would lose the admin's work.
 */
export class StorageStatus {
	persisted = $state<boolean | null>(null);
	usage = $state<number | null>(null);
	quota = $state<number | null>(null);
	#asked = false;

	/** Asks once per page load for persistent storage; browsers remember the answer. */
	async requestPersistence(): Promise<void> {
		if (this.#asked || !navigator.storage?.persist) return;
		this.#asked = true;
		this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}

	async refresh(): Promise<void> {
		if (!navigator.storage?.estimate) return;
		const estimate = await navigator.storage.estimate();
		this.usage = estimate.usage ?? null;
		this.quota = estimate.quota ?? null;
		if (navigator.storage.persisted) this.persisted = await navigator.storage.persisted();
	}
}

export const storageStatus = new StorageStatus();

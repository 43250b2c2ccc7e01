import { createSubscriber } from 'svelte/reactivity';

interface Watcher {
	subscribe: () => void;
	wake: (() => void) | undefined;
}

/**
 * The selected rows of a virtual list that may hold a million of them, by key. A row's checkbox
 * follows its own key only: toggling one row re-runs that row's `checked` and nothing else, and
 * selecting every row shown wakes only the rows on screen (a virtual list renders a few dozen).
 * Figures about the whole selection (`size`, `countAmong`) follow every change; they are read by
 * the header and the toolbar, never by a row.
 */
export class RowSelection<K> {
	// Plain on purpose: a SvelteSet wakes every unselected row on each change (see above).
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- reactivity per key, by #watched
	readonly #selected = new Set<K>();
	/** The keys that a row on screen watches, each with the function that re-runs that row. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by a view
	readonly #watched = new Map<K, Watcher>();
	#version = $state(0);

	/** True when `key` is selected; inside an effect, the effect re-runs when that changes. */
	has(key: K): boolean {
		if ($effect.tracking()) this.#watch(key);
		return this.#selected.has(key);
	}

	get size(): number {
		void this.#version;
		return this.#selected.size;
	}

	/** The selected keys, in the order they were selected. */
	values(): K[] {
		return [...this.#selected];
	}

	/** How many of `rows` are selected. */
	countAmong<R>(rows: readonly R[], keyOf: (row: R) => K): number {
		void this.#version;
		if (this.#selected.size === 0) return 0;
		let count = 0;
		for (const row of rows) if (this.#selected.has(keyOf(row))) count += 1;
		return count;
	}

	set(key: K, selected: boolean): void {
		if (selected === this.#selected.has(key)) return;
		if (selected) this.#selected.add(key);
		else this.#selected.delete(key);
		this.#watched.get(key)?.wake?.();
		this.#version += 1;
	}

	/** Selects (or deselects) every row of `rows`, e.g. every row a filter shows. */
	setAll<R>(rows: readonly R[], keyOf: (row: R) => K, selected: boolean): void {
		for (const row of rows) {
			if (selected) this.#selected.add(keyOf(row));
			else this.#selected.delete(keyOf(row));
		}
		this.#wakeAll();
	}

	clear(): void {
		if (this.#selected.size === 0) return;
		this.#selected.clear();
		this.#wakeAll();
	}

	#wakeAll(): void {
		for (const watcher of this.#watched.values()) watcher.wake?.();
		this.#version += 1;
	}

	#watch(key: K): void {
		let watcher = this.#watched.get(key);
		if (!watcher) {
			const created: Watcher = { subscribe: () => {}, wake: undefined };
			created.subscribe = createSubscriber((update) => {
				created.wake = update;
				// No row on screen watches this key any more (scrolled away): forget it.
				return () => {
					created.wake = undefined;
					if (this.#watched.get(key) === created) this.#watched.delete(key);
				};
			});
			this.#watched.set(key, created);
			watcher = created;
		}
		watcher.subscribe();
	}
}

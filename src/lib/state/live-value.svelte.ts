import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie live query as a reactive value. Dexie re-runs the query when any tab or worker of this
 * origin changes the tables it read, so every open tab sees writes within moments. The query runs
 * only while some effect reads `current` (Svelte's createSubscriber starts it on the first such
 * read and stops it when the last of those effects is gone), so nobody has to stop it by hand
 * and a value created inside a derived updates like any other.
 */
export class LiveValue<T> {
	#latest: T;
	readonly #subscribe: () => void;

	constructor(query: () => Promise<T> | T, initial: T) {
		this.#latest = initial;
		this.#subscribe = createSubscriber((update) => {
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.#latest = value;
					update();
				},
				error: (error: unknown) => console.error(error)
			});
			return () => subscription.unsubscribe();
		});
	}

	/** The query's latest answer (`initial` until the first one); reactive inside effects. */
	get current(): T {
		this.#subscribe();
		return this.#latest;
	}
}

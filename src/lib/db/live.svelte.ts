import { liveQuery, type Observable } from 'dexie';

/**
 * A Dexie live query as a rune-backed value. Dexie re-runs the query when any tab or worker of
 * this origin changes the tables it read, so every open tab sees writes within moments.
 */
export class LiveValue<T> {
	current = $state<T>() as T;
	#subscription: { unsubscribe(): void } | undefined;

	constructor(query: () => Promise<T> | T, initial: T) {
		this.current = initial;
		const observable: Observable<T> = liveQuery(query);
		this.#subscription = observable.subscribe({
			next: (value) => {
				this.current = value;
			},
			error: (error: unknown) => console.error(error)
		});
	}

	stop(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = undefined;
	}
}

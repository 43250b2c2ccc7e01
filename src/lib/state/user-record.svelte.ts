import { database } from '$lib/db/database';
import { LiveValue } from './live-value.svelte';
import type { Card, User, UserId } from '$lib/domain/model';

/** One user and their cards, live: edits from any tab show at once. `null`: no such user. */
export class UserRecord {
	readonly #user: LiveValue<User | null | undefined>;
	readonly #cards: LiveValue<Card[]>;

	constructor(readonly id: UserId) {
		this.#user = new LiveValue(async () => (await database().users.get(id)) ?? null, undefined);
		this.#cards = new LiveValue(
			async () => byNumber(await database().cards.where('userId').equals(id).toArray()),
			[]
		);
	}

	/** undefined while loading. */
	get user(): User | null | undefined {
		return this.#user.current;
	}

	get cards(): Card[] {
		return this.#cards.current;
	}
}

/** Canonical card numbers are decimal strings: shorter is smaller. */
function byNumber(cards: Card[]): Card[] {
	return cards.sort(
		(a, b) =>
			a.number.length - b.number.length || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)
	);
}

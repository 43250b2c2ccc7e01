import type { CardStatus, UserType } from '$lib/domain/model';
import type { Directory } from './directory.svelte';
import {
	filterCards,
	filterUsers,
	type CardRow,
	type UserRow,
	type UserSort
} from './directory-search';

/** The Users screen's query, filter and sort, and the rows they select. */
export class UsersList {
	query = $state('');
	type = $state<UserType | 'all'>('all');
	sort = $state<UserSort>('name');
	/** How long the last filtering took, in ms (shown to the benchmark as data-search-ms). */
	lastSearchMs = 0;

	readonly results: UserRow[] = $derived.by(() => {
		const started = performance.now();
		const byName = this.sort === 'name' ? this.directory.usersByName : null;
		const rows = filterUsers(this.directory.userList, byName, this.query, this.type, this.sort);
		this.lastSearchMs = performance.now() - started;
		return rows;
	});

	readonly total = $derived.by(() => this.directory.userList.rows.length);
	readonly filtered = $derived(this.query.trim() !== '' || this.type !== 'all');
	/** Changes whenever the selection does, so the list scrolls back to the top. */
	readonly selectionKey = $derived(`${this.query}\u0000${this.type}\u0000${this.sort}`);

	constructor(private readonly directory: Directory) {}
}

/** The Cards screen's query and status filter. */
export class CardsList {
	query = $state('');
	status = $state<CardStatus | 'all'>('all');

	readonly results: CardRow[] = $derived.by(() =>
		filterCards(this.directory.cardList, this.query, this.status)
	);
	readonly total = $derived.by(() => this.directory.cardList.rows.length);
	readonly filtered = $derived(this.query.trim() !== '' || this.status !== 'all');
	readonly selectionKey = $derived(`${this.query}\u0000${this.status}`);

	constructor(private readonly directory: Directory) {}
}

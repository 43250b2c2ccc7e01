import Dexie from 'dexie';
import { database } from '$lib/db/database';
import {
	readCards,
	readUsers,
	touchesDirectory,
	touchesSessions,
	touchesSettings
} from '$lib/db/directory';
import { foreignSiteLease, guardHolder } from '$lib/db/guard';
import { currentSession } from '$lib/db/repositories/import-sessions';
import type { Card, User } from '$lib/domain/model';
import {
	cardList,
	sortByName,
	userList,
	type CardRow,
	type NameOrder,
	type SearchableList,
	type UserRow
} from './directory-search';

/** After a change, wait this long for more before reading again (an import writes in bursts). */
const RELOAD_DELAY_MS = 250;

/**
 * Every user and card, read once per page load and again (debounced) whenever users or cards
 * change in any tab or worker; the Users and Cards screens search this copy in memory. While an
 * import writes, the copy is not re-read: each of its chunks would otherwise re-read a table that
 * grows towards a million rows, twice a second, slowing the import it is watching. It is read
 * again once the import ends (nobody else can change users or cards meanwhile). The same holds
 * while another admin's import holds the site: its chunks reach this replica page by page.
 * Arrays are `$state.raw`: 100 000 rows must never become deep proxies.
 */
export class Directory {
	users = $state.raw<User[]>([]);
	cards = $state.raw<Card[]>([]);
	/** False until users and cards have been read completely once. */
	loaded = $state(false);
	/** True once the first rows are there (the first chunk of users). */
	started = $state(false);
	/** True once the first chunk of cards is there. */
	cardsStarted = $state(false);
	/** Counts completed reads, so tests and the benchmark can wait for fresh data. */
	generation = $state(0);

	// Indexed for search as soon as all is read; the first rows only when searched.
	readonly userList: SearchableList<UserRow> = $derived(
		userList(this.users, this.cards, this.loaded)
	);
	/** Computed only when a screen sorts by name. */
	readonly usersByName: NameOrder = $derived(sortByName(this.userList.rows));
	readonly cardList: SearchableList<CardRow> = $derived(
		cardList(this.cards, this.users, this.loaded)
	);

	#loading: Promise<void> | undefined;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#listening = false;
	/** Users or cards changed since the last read. */
	#stale = false;

	/** Starts reading (once) and following changes. */
	ensureLoaded(): void {
		if (!this.#listening) {
			this.#listening = true;
			Dexie.on('storagemutated', (parts) => {
				const db = database();
				if (touchesDirectory(db, parts)) this.#stale = true;
				if (
					this.#stale &&
					(touchesDirectory(db, parts) || touchesSessions(db, parts) || touchesSettings(db, parts))
				) {
					this.#scheduleReload();
				}
			});
		}
		if (!this.#loading && this.generation === 0) this.#loading = this.#load();
	}

	#scheduleReload(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#reloadUnlessImporting(), RELOAD_DELAY_MS);
	}

	async #reloadUnlessImporting(): Promise<void> {
		const db = database();
		// The import's end changes its session row, which schedules this again.
		if (await guardHolder(db)) return;
		// Another admin's run holds the site: its chunks arrive by the feed, page after page, and
		// only it can change users and cards until it ends. Its release (a feed change of the
		// settings table) schedules this again; a holder that died frees the site at its expiry.
		// Not this browser's own run, ended here: its lease lingers in the replica until the
		// release it queued behind its chunks has come back through the feed.
		const own = await currentSession(db);
		const lease = await foreignSiteLease(db, own?.id, Date.now());
		if (lease) {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => this.#scheduleReload(), lease.expiresAt - Date.now());
			return;
		}
		if (this.#loading) {
			this.#again = true;
			return;
		}
		this.#loading = this.#load();
	}

	async #load(): Promise<void> {
		const db = database();
		const users: User[] = [];
		const cards: Card[] = [];
		const first = !this.started;
		this.#stale = false;
		try {
			// Side by side, so /users and /cards both show their first rows at once; the holders of
			// the first cards and the card counts of the first users fill in when all is read.
			await Promise.all([
				readUsers(db, (chunk) => {
					users.push(...chunk);
					if (first && !this.started) {
						this.users = chunk;
						this.started = true;
					}
				}),
				readCards(db, (chunk) => {
					cards.push(...chunk);
					if (first && !this.cardsStarted) {
						this.cards = chunk;
						this.cardsStarted = true;
					}
				})
			]);
			this.users = users;
			this.cards = cards;
			this.started = true;
			this.cardsStarted = true;
			this.loaded = true;
			this.generation += 1;
		} catch (error) {
			console.error(error);
		} finally {
			this.#loading = undefined;
			if (this.#again) {
				this.#again = false;
				this.#loading = this.#load();
			}
		}
	}
}

export const directory = new Directory();

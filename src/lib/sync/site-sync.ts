/**
 * The site worker's engine (docs/architecture.md, "The replica"): follows the feed into the
 * replica, hears of new versions over Server-Sent Events, and sends the outbox in order.
 * Written against `fetch` and an EventSource factory so that Node tests drive it against the
 * real server.
 */
import { liveQuery } from 'dexie';
import type { RosterDatabase } from '$lib/db/database';
import { isAppError } from '$lib/domain/errors';
import type { Mutation } from '$lib/domain/mutations';
import type { KeptRefusal, MutateAnswer, SyncProgress, SyncState } from './api';
import {
	dismissRefusal,
	enqueueMutation,
	settleMutation,
	nextWaitingMutation,
	type MutationOutcome
} from './outbox';
import {
	applyFeedPage,
	isBrowserOnlySite,
	readReplicaMeta,
	startReplica,
	type FeedPage
} from './replica';

/** The largest page the server gives. */
export const FEED_PAGE_SIZE = 5_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface SyncTransport {
	fetch: typeof fetch;
	/** Opens the event stream; null where there is none (tests that pull by hand). */
	events: ((url: string) => EventSource) | null;
	/** The server's origin, '' in the browser (same origin). */
	base: string;
}

class SignedOut extends Error {}
class Unreachable extends Error {}

export class SiteSync {
	#progress: SyncProgress = {
		state: 'starting',
		cursor: 0,
		head: 0,
		firstSyncDone: false,
		waiting: 0,
		refused: 0
	};
	#listeners = new Set<(progress: SyncProgress) => void>();
	#started: Promise<void> | null = null;
	#pulling: Promise<void> | null = null;
	#pullAgain = false;
	#flushing: Promise<void> | null = null;
	#outcomes = new Map<string, MutationOutcome>();
	#retryMs = RETRY_FIRST_MS;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#events: EventSource | null = null;
	#unwatchOutbox: () => void = () => undefined;

	constructor(
		readonly db: RosterDatabase,
		readonly transport: SyncTransport,
		readonly pageSize = FEED_PAGE_SIZE
	) {}

	get progress(): SyncProgress {
		return this.#progress;
	}

	subscribe(listener: (progress: SyncProgress) => void): () => void {
		this.#listeners.add(listener);
		listener(this.#progress);
		return () => this.#listeners.delete(listener);
	}

	start(): Promise<void> {
		this.#started ??= this.#start();
		return this.#started;
	}

	async #start(): Promise<void> {
		if (await isBrowserOnlySite(this.db)) {
			this.#set({ state: 'browser-only' });
			return;
		}
		const meta = (await readReplicaMeta(this.db)) ?? (await startReplica(this.db));
		this.#set({ cursor: meta.cursor, head: meta.head, firstSyncDone: meta.firstSyncDone });
		await this.#countOutbox();
		this.#listen();
		this.#watchOutbox();
		await this.pull();
		await this.flush();
	}

	/**
	 * The import worker queues its chunks in the outbox from another worker: Dexie tells this one
	 * of each change (liveQuery observes writes of every context of the origin), and it sends.
	 */
	#watchOutbox(): void {
		const subscription = liveQuery(() => this.db.outbox.count()).subscribe({
			next: () => {
				void this.#countOutbox().then(() => this.flush());
			},
			error: (error: unknown) => console.warn(error)
		});
		this.#unwatchOutbox = () => subscription.unsubscribe();
	}

	/** Stops listening and retrying (tests; a worker simply ends). */
	stop(): void {
		this.#unwatchOutbox();
		this.#events?.close();
		this.#events = null;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
	}

	/** The connection is back (an `online` event, the stream reopened): pull, then send. */
	reconnected(): void {
		if (this.#progress.state === 'signed-out' || this.#progress.state === 'browser-only') return;
		this.#retryMs = RETRY_FIRST_MS;
		void this.pull().then(() => this.flush());
	}

	/** Reads the feed from the cursor until caught up; calls made meanwhile run once more after. */
	pull(): Promise<void> {
		if (this.#pulling) {
			this.#pullAgain = true;
			return this.#pulling;
		}
		this.#pulling = (async () => {
			do {
				this.#pullAgain = false;
				await this.#guarded(() => this.#pullPages());
			} while (this.#pullAgain);
		})().finally(() => (this.#pulling = null));
		return this.#pulling;
	}

	/**
	 * Pages are applied one at a time, each in its own transaction with its cursor, but the next
	 * page is asked for while this one is written: the server's answer and IndexedDB's commit then
	 * overlap instead of taking turns, which is most of a first sync's time beyond the writes.
	 */
	async #pullPages(): Promise<void> {
		this.#set({ state: 'syncing' });
		let next: Promise<FeedPage> | null = this.#askPage(this.#progress.cursor);
		while (next) {
			const page: FeedPage = await next;
			next = page.more ? this.#askPage(page.cursor) : null;
			const meta = await applyFeedPage(this.db, page);
			this.#set({ cursor: meta.cursor, head: meta.head, firstSyncDone: meta.firstSyncDone });
			// A replica dropped for an erase starts again from its own cursor, not the page's.
			if (meta.cursor !== page.cursor) next = this.#askPage(meta.cursor);
		}
		this.#set({ state: 'live' });
	}

	/** Asks for the page after `cursor`; a failure is met where the page is awaited. */
	#askPage(cursor: number): Promise<FeedPage> {
		const url = `${this.transport.base}/api/changes?since=${cursor}&limit=${this.pageSize}`;
		const page = this.#request(url) as Promise<FeedPage>;
		// Awaited only once the page before it is written: a failure meanwhile is not unhandled.
		page.catch(() => undefined);
		return page;
	}

	/** Puts the mutation in the outbox, applies it to the replica, sends what waits in order. */
	async mutate(mutation: Mutation): Promise<MutateAnswer> {
		await enqueueMutation(this.db, mutation);
		await this.#countOutbox();
		await this.flush();
		const outcome = this.#outcomes.get(mutation.id);
		this.#outcomes.delete(mutation.id);
		if (!outcome) return { status: 'queued' };
		if (outcome.ok) {
			const { ok: _ok, ...applied } = outcome;
			return { status: 'applied', ...applied };
		}
		// The admin who asked sees the refusal in the form: it need not wait in the outbox.
		await this.db.outbox.delete(mutation.id);
		await this.#countOutbox();
		return { status: 'refused', error: outcome.error };
	}

	async refusals(): Promise<KeptRefusal[]> {
		const entries = await this.db.outbox.orderBy('createdAt').toArray();
		return entries.flatMap(({ id, mutation, refusal }) =>
			refusal ? [{ id, mutation, error: refusal }] : []
		);
	}

	async dismiss(id: string): Promise<void> {
		await dismissRefusal(this.db, id);
		await this.#countOutbox();
	}

	/** Sends the waiting mutations, oldest first, until one cannot be sent. */
	flush(): Promise<void> {
		this.#flushing ??= this.#guarded(() => this.#send()).finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	async #send(): Promise<void> {
		if (this.#progress.state === 'signed-out' || this.#progress.state === 'browser-only') return;
		// One entry at a time: an import's entries each hold a chunk of thousands of records.
		for (
			let entry = await nextWaitingMutation(this.db);
			entry;
			entry = await nextWaitingMutation(this.db)
		) {
			const response = await this.#post(entry.mutation);
			const body: unknown = await response.json();
			const outcome: MutationOutcome = response.ok
				? { ok: true, ...(body as { version: number }) }
				: {
						ok: false,
						error: isAppError(body)
							? body
							: { code: 'UNEXPECTED', message: `The server answered ${response.status}.` }
					};
			await settleMutation(this.db, entry.id, outcome);
			this.#outcomes.set(entry.id, outcome);
			await this.#countOutbox();
		}
	}

	async #post(mutation: Mutation): Promise<Response> {
		const response = await this.#fetch(`${this.transport.base}/api/mutations`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(mutation)
		});
		// A fault of the server (5xx) is not an answer to keep: the mutation is sent again.
		if (response.status >= 500) throw new Unreachable();
		return response;
	}

	async #request(url: string): Promise<unknown> {
		const response = await this.#fetch(url);
		if (!response.ok) throw new Unreachable();
		return response.json();
	}

	async #fetch(url: string, init?: RequestInit): Promise<Response> {
		let response: Response;
		try {
			response = await this.transport.fetch(url, { credentials: 'same-origin', ...init });
		} catch {
			throw new Unreachable();
		}
		if (response.status === 401) throw new SignedOut();
		return response;
	}

	/** Runs network work: an unreachable server means offline and a retry later; 401 stops. */
	async #guarded(work: () => Promise<void>): Promise<void> {
		try {
			await work();
			this.#retryMs = RETRY_FIRST_MS;
		} catch (error) {
			if (error instanceof SignedOut) {
				// The outbox is kept: it goes out once the admin signs in again (a new start).
				this.stop();
				this.#set({ state: 'signed-out' });
			} else if (error instanceof Unreachable) {
				this.#set({ state: 'offline' });
				this.#scheduleRetry();
			} else {
				throw error;
			}
		}
	}

	#scheduleRetry(): void {
		if (this.#retryTimer) return;
		const delay = this.#retryMs;
		this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.pull().then(() => this.flush());
		}, delay);
	}

	/** The event stream: each `version` above the cursor pulls; reopening pulls and sends. */
	#listen(): void {
		const open = this.transport.events;
		if (!open) return;
		const source = open(`${this.transport.base}/api/events`);
		this.#events = source;
		source.addEventListener('version', (event) => {
			const head = Number((event as MessageEvent<string>).data);
			if (head > this.#progress.head) this.#set({ head });
			if (head > this.#progress.cursor) void this.pull();
		});
		source.addEventListener('open', () => this.reconnected());
		source.addEventListener('error', () => {
			// The browser retries by itself unless the stream was refused (401, say): then it is
			// closed, and it is opened again after a delay; a pull tells a signed-out admin apart.
			if (source.readyState !== source.CLOSED || this.#events !== source) return;
			this.#events = null;
			setTimeout(() => {
				if (this.#progress.state !== 'signed-out') {
					this.#listen();
					void this.pull();
				}
			}, this.#retryMs);
		});
	}

	async #countOutbox(): Promise<void> {
		const [all, refused] = await Promise.all([
			this.db.outbox.count(),
			this.db.outbox.filter((entry) => entry.refusal !== undefined).count()
		]);
		this.#set({ waiting: all - refused, refused });
	}

	#set(patch: Partial<SyncProgress>): void {
		const next: SyncState = patch.state ?? this.#progress.state;
		// Signed out and browser-only hold until a new start.
		const held = this.#progress.state === 'signed-out' || this.#progress.state === 'browser-only';
		this.#progress = { ...this.#progress, ...patch, state: held ? this.#progress.state : next };
		for (const listener of this.#listeners) listener(this.#progress);
	}
}

import { tick } from 'svelte';
import { database } from '$lib/db/database';
import { requestApi, UNREACHABLE, whenSessionEnds, type ApiError, type ApiResult } from './api';

/** The signed-in admin, as remembered by this browser for opening offline. */
export interface SiteAdmin {
	id: string;
	name: string;
	email: string;
	role: 'owner' | 'admin';
}

/**
 * checking: asking the server; setup: the site has no owner yet; signIn: nobody is signed in;
 * open: the site is shown (online, or offline for the admin this browser remembers).
 */
export type SessionPhase = 'checking' | 'setup' | 'signIn' | 'open';

export const SESSION_ENDED = 'Your session has ended — sign in again.';
export const REMEMBERED_ADMIN_KEY = 'roster.admin';

/** What the session needs from the browser, so its logic runs in a unit test too. */
export interface SessionPorts {
	fetch: typeof fetch;
	storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
	/** Deletes this browser's copy of the site. */
	deleteReplica(): Promise<void>;
}

const isSiteAdmin = (value: unknown): value is SiteAdmin =>
	typeof value === 'object' &&
	value !== null &&
	['id', 'name', 'email'].every(
		(key) => typeof (value as Record<string, unknown>)[key] === 'string'
	) &&
	['owner', 'admin'].includes((value as { role?: unknown }).role as string);

const shownAdmin = ({ id, name, email, role }: SiteAdmin): SiteAdmin => ({ id, name, email, role });

/** docs/architecture.md, "Sign-in in the browser": the gate before anything of the site mounts. */
export class SiteSession {
	phase = $state<SessionPhase>('checking');
	admin = $state<SiteAdmin | null>(null);
	/** True while the site is open from local data because the server cannot be reached. */
	offline = $state(false);
	/** Why the admin is asked to sign in again, shown above the form. */
	notice = $state<string | null>(null);
	busy = $state(false);
	error = $state<ApiError | null>(null);

	constructor(private readonly ports: SessionPorts) {}

	get isOwner(): boolean {
		return this.admin?.role === 'owner';
	}

	/** Asks the server whether the site is set up and who is signed in. */
	async start(): Promise<void> {
		this.phase = 'checking';
		const setup = await requestApi<{ setUp: boolean }>(this.ports.fetch, '/setup');
		if (!setup.ok) return this.#unreachable(setup.errors[0]);
		if (!setup.value.setUp) {
			this.phase = 'setup';
			return;
		}
		const session = await requestApi<{ admin: SiteAdmin }>(this.ports.fetch, '/session');
		if (session.ok) return this.#open(session.value.admin);
		if (session.errors[0].status === 401) {
			this.#forget();
			this.phase = 'signIn';
			return;
		}
		this.#unreachable(session.errors[0]);
	}

	/**
	 * Asks again whether the session still stands (the layout does at each navigation), so a
	 * disabled admin or an ended session is sent to sign-in at their next step.
	 */
	async confirm(): Promise<void> {
		if (this.phase !== 'open') return;
		const session = await requestApi<{ admin: SiteAdmin }>(this.ports.fetch, '/session');
		if (session.ok) this.#open(session.value.admin);
		else if (session.errors[0].status === 401) this.ended();
		else this.offline = session.errors[0].code === UNREACHABLE;
	}

	setUp(input: { name: string; email: string; password: string }): Promise<void> {
		return this.#enter(() =>
			requestApi<{ admin: SiteAdmin }>(this.ports.fetch, '/setup', { method: 'POST', json: input })
		);
	}

	signIn(input: { email: string; password: string }): Promise<void> {
		return this.#enter(() =>
			requestApi<{ admin: SiteAdmin }>(this.ports.fetch, '/session', {
				method: 'POST',
				json: input
			})
		);
	}

	/** Ends this browser's session and deletes its copy of the site: a shared computer keeps nothing. */
	signOut(): Promise<void> {
		return this.#leave('/session');
	}

	/** Ends every session of this admin, on every device, and this browser's copy too. */
	signOutEverywhere(): Promise<void> {
		return this.#leave('/sessions');
	}

	/** The server answered 401 to a request of the open site: its session is over. */
	ended(): void {
		if (this.phase !== 'open') return;
		this.#forget();
		this.notice = SESSION_ENDED;
		this.phase = 'signIn';
	}

	async #enter(request: () => Promise<ApiResult<{ admin: SiteAdmin }>>): Promise<void> {
		this.busy = true;
		this.error = null;
		const result = await request();
		this.busy = false;
		if (!result.ok) {
			this.error = result.errors[0];
			return;
		}
		this.notice = null;
		this.#open(result.value.admin);
	}

	async #leave(path: '/session' | '/sessions'): Promise<void> {
		this.busy = true;
		this.error = null;
		const result = await requestApi<void>(this.ports.fetch, path, { method: 'DELETE' });
		// 401: the session was over already; the local copy goes all the same.
		if (!result.ok && result.errors[0].status !== 401) {
			this.busy = false;
			this.error = result.errors[0];
			return;
		}
		this.#forget();
		this.notice = null;
		// The site's screens go first, so none of their live queries opens the database again
		// (empty) after it is deleted.
		this.phase = 'signIn';
		await tick();
		await this.ports.deleteReplica();
		this.busy = false;
	}

	#open(admin: SiteAdmin): void {
		this.admin = shownAdmin(admin);
		this.offline = false;
		this.ports.storage.setItem(REMEMBERED_ADMIN_KEY, JSON.stringify(this.admin));
		this.phase = 'open';
	}

	/** Offline-first: the admin this browser remembers opens the local copy without the server. */
	#unreachable(error: ApiError): void {
		const remembered = this.#remembered();
		if (remembered) {
			this.admin = remembered;
			this.offline = true;
			this.phase = 'open';
			return;
		}
		this.error = error;
		this.phase = 'signIn';
	}

	#remembered(): SiteAdmin | null {
		try {
			const value: unknown = JSON.parse(this.ports.storage.getItem(REMEMBERED_ADMIN_KEY) ?? 'null');
			return isSiteAdmin(value) ? shownAdmin(value) : null;
		} catch {
			return null;
		}
	}

	#forget(): void {
		this.admin = null;
		this.offline = false;
		this.ports.storage.removeItem(REMEMBERED_ADMIN_KEY);
	}
}

/**
 * Deletes the database; other tabs' and workers' Dexie instances close on the versionchange.
 * This page's instance may open again, empty, when the next admin signs in.
 */
function deleteBrowserReplica(): Promise<void> {
	return database().delete({ disableAutoOpen: false });
}

export const siteSession = new SiteSession({
	fetch: (input, init) => fetch(input, init),
	storage: {
		getItem: (key) => localStorage.getItem(key),
		setItem: (key, value) => localStorage.setItem(key, value),
		removeItem: (key) => localStorage.removeItem(key)
	},
	deleteReplica: deleteBrowserReplica
});

whenSessionEnds(() => siteSession.ended());

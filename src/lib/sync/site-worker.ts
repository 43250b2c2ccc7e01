/// <reference lib="webworker" />
/**
 * The site worker: one per browser where SharedWorker exists (one port per tab), a dedicated
 * Worker per tab elsewhere. It alone reads the feed into the replica and sends the outbox.
 */
import * as Comlink from 'comlink';
import { database } from '$lib/db/database';
import type { SiteSyncApi } from './api';
import { SiteSync } from './site-sync';

const sync = new SiteSync(database(), {
	fetch: (input, init) => fetch(input, init),
	events: (url) => new EventSource(url, { withCredentials: true }),
	base: ''
});
globalThis.addEventListener('online', () => sync.reconnected());

const api: SiteSyncApi = {
	start: () => sync.start(),
	subscribe: async (onProgress) => {
		const unsubscribe = sync.subscribe((progress) => {
			// A closed tab's callback fails: it stops being called.
			void Promise.resolve(onProgress(progress)).catch(() => unsubscribe());
		});
		return Promise.resolve();
	},
	mutate: (mutation) => sync.mutate(mutation),
	refusals: () => sync.refusals(),
	dismiss: (id) => sync.dismiss(id)
};

interface SharedScope {
	onconnect: ((event: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as Partial<SharedScope>;
if ('onconnect' in scope) {
	scope.onconnect = (event) => {
		const port = event.ports[0];
		if (port) Comlink.expose(api, port);
	};
} else {
	Comlink.expose(api);
}

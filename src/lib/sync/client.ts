import * as Comlink from 'comlink';
import type { SiteSyncApi, SyncProgress } from './api';

/** The page's handle on the site worker: one SharedWorker per browser, a Worker per tab else. */
let remote: Comlink.Remote<SiteSyncApi> | undefined;

export function siteWorker(): Comlink.Remote<SiteSyncApi> {
	remote ??= connect();
	return remote;
}

// Vite bundles a worker only when `new URL(…, import.meta.url)` is written inside the constructor
// call; a URL kept in a variable is inlined as a data: URL, which the CSP refuses.
function connect(): Comlink.Remote<SiteSyncApi> {
	if (typeof SharedWorker !== 'undefined') {
		const shared = new SharedWorker(new URL('./site-worker.ts', import.meta.url), {
			type: 'module',
			name: 'roster-site'
		});
		return Comlink.wrap<SiteSyncApi>(shared.port);
	}
	const dedicated = new Worker(new URL('./site-worker.ts', import.meta.url), {
		type: 'module',
		name: 'roster-site'
	});
	return Comlink.wrap<SiteSyncApi>(dedicated);
}

export const progressListener = (listener: (progress: SyncProgress) => void) =>
	Comlink.proxy(listener);

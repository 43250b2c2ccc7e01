import * as Comlink from 'comlink';
import type { SiteSyncApi, SyncProgress } from './api';

/** The page's handle on the site worker: one SharedWorker per browser, a Worker per tab else. */
let remote: Comlink.Remote<SiteSyncApi> | undefined;

export function siteWorker(): Comlink.Remote<SiteSyncApi> {
	remote ??= connect();
	return remote;
}

function connect(): Comlink.Remote<SiteSyncApi> {
	const url = new URL('./worker.ts', import.meta.url);
	if (typeof SharedWorker !== 'undefined') {
		const shared = new SharedWorker(url, { type: 'module', name: 'roster-site' });
		return Comlink.wrap<SiteSyncApi>(shared.port);
	}
	return Comlink.wrap<SiteSyncApi>(new Worker(url, { type: 'module', name: 'roster-site' }));
}

export const progressListener = (listener: (progress: SyncProgress) => void) =>
	Comlink.proxy(listener);

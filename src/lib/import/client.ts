import * as Comlink from 'comlink';
import type { ImportApi } from './api';

/**
 * The page's handle on the import worker. Where the browser has SharedWorker, every tab of the
 * app talks to ONE worker, so an import goes on when the tab that started it is closed while
 * another stays open; elsewhere each tab gets a dedicated worker. Either way the worker owns the
 * whole pipeline and writes to IndexedDB itself: pages only send commands and get progress.
 */
let remote: Comlink.Remote<ImportApi> | undefined;

export function importWorker(): Comlink.Remote<ImportApi> {
	remote ??= connect();
	return remote;
}

function connect(): Comlink.Remote<ImportApi> {
	if (typeof SharedWorker !== 'undefined') {
		const shared = new SharedWorker(new URL('./worker.ts', import.meta.url), {
			type: 'module',
			name: 'roster-import'
		});
		return Comlink.wrap<ImportApi>(shared.port);
	}
	const dedicated = new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module',
		name: 'roster-import'
	});
	return Comlink.wrap<ImportApi>(dedicated);
}

/** Wraps a progress callback so the worker can call it across the boundary. */
export const progressCallback = <T extends (...args: never[]) => void>(callback: T) =>
	Comlink.proxy(callback);

import * as Comlink from 'comlink';
import type { ImportApi } from './api';

/**
 * The main thread's handle on the import worker. One worker per tab; the worker owns the whole
 * pipeline and writes to IndexedDB itself, so this tab only sends commands and gets progress.
 */
let remote: Comlink.Remote<ImportApi> | undefined;

export function importWorker(): Comlink.Remote<ImportApi> {
	if (!remote) {
		const worker = new Worker(new URL('./worker.ts', import.meta.url), {
			type: 'module',
			name: 'roster-import'
		});
		remote = Comlink.wrap<ImportApi>(worker);
	}
	return remote;
}

/** Wraps a progress callback so it can be called from the worker. */
export const progressCallback = <T extends (...args: never[]) => void>(callback: T) =>
	Comlink.proxy(callback);

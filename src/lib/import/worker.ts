/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { toAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import { database } from '$lib/db/database';
import { watchVersionChange } from '$lib/db/version-change';
import type { ImportApi } from './api';
import { ImportEngine } from './engine';

const db = database();
const engine = new ImportEngine(db);
// A schema upgrade in another tab waits until the run in flight ends, then this worker lets go.
engine.onIdle = watchVersionChange(db, {
	isBusy: () => engine.busy,
	onClosed: () => undefined
});

/** Runs an engine call and returns its outcome as a Result: only plain data crosses to the page. */
async function settle<T>(work: () => Promise<T>): Promise<Result<T, AppError>> {
	try {
		return ok(await work());
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

/**
 * A page's callback, called without waiting: the page that asked may be gone (tab closed), and
 * the work goes on regardless.
 */
function detached<A extends unknown[]>(callback: (...args: A) => unknown): (...args: A) => void {
	return (...args) => {
		void Promise.resolve(callback(...args)).catch(() => undefined);
	};
}

const api: ImportApi = {
	open: (file, options) => settle(() => engine.open(file, options)),
	describe: (id) => settle(() => engine.describe(id)),
	configure: (id, patch) => settle(() => engine.configure(id, patch)),
	preview: (id, count) => settle(() => engine.preview(id, count)),
	dryRun: (id) => settle(() => engine.dryRun(id)),
	start: (id, onProgress) => settle(() => engine.start(id, detached(onProgress))),
	cancel: (id) => engine.cancel(id),
	keep: (id) => settle(() => engine.keep(id)),
	undo: (id) => settle(() => engine.undo(id)),
	exportResults: (id, kind) => settle(() => engine.exportResults(id, kind)),
	issueCards: (id) => settle(() => engine.issueCards(id)),
	attachImages: (id, files, maxBytes, onProgress) =>
		settle(() => engine.attachImages(id, files, maxBytes, detached(onProgress))),
	failedRows: (id) => settle(() => engine.failedRows(id)),
	judgeFixedRows: (id, rows) => settle(() => engine.judgeFixedRows(id, rows)),
	importFixedRows: (id, rows) => settle(() => engine.importFixedRows(id, rows)),
	complete: (id) => settle(() => engine.complete(id))
};

/** The same entry serves as a SharedWorker (one port per tab) or as a dedicated Worker. */
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

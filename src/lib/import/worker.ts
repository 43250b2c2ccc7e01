/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { toAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import { database } from '$lib/db/database';
import type { ImportApi } from './api';
import { ImportEngine } from './engine';

const engine = new ImportEngine(database());

/** Runs an engine call and returns its outcome as a Result: only plain data crosses to the page. */
async function settle<T>(work: () => Promise<T>): Promise<Result<T, AppError>> {
	try {
		return ok(await work());
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

const api: ImportApi = {
	open: (file, options) => settle(() => engine.open(file, options)),
	describe: (id) => settle(() => engine.describe(id)),
	configure: (id, patch) => settle(() => engine.configure(id, patch)),
	preview: (id, count) => settle(() => engine.preview(id, count)),
	dryRun: (id) => settle(() => engine.dryRun(id)),
	start: (id, onProgress) =>
		settle(() =>
			engine.start(id, (progress) => {
				// The page that asked may be gone (tab closed); the import goes on regardless.
				void Promise.resolve(onProgress(progress)).catch(() => undefined);
			})
		),
	cancel: (id) => engine.cancel(id),
	undo: (id) => settle(() => engine.undo(id)),
	exportResults: (id, kind) => settle(() => engine.exportResults(id, kind)),
	complete: (id) => settle(() => engine.complete(id))
};

Comlink.expose(api);

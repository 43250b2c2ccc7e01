import type { ImportProgress } from '$lib/import/api';

/** The import worker, loaded only when an import needs it, not on every page. */
export async function importWorker() {
	const { importWorker } = await import('$lib/import/client');
	return importWorker();
}

export type ImportWorker = Awaited<ReturnType<typeof importWorker>>;

/** A progress callback the worker can call across the boundary. */
export async function progressProxy(callback: (progress: ImportProgress) => void) {
	const { progressCallback } = await import('$lib/import/client');
	return progressCallback(callback);
}

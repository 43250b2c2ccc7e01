/**
 * The wizard's commands for an import that runs on the site server (docs/architecture.md,
 * "Imports on the server"): the file goes up once (sync/upload-file.ts), the server runs the job
 * under the site's lease, and every admin follows it through the replica (`siteImports`). Each
 * answer the server gives about a job is put in the replica at once, so this tab's screen moves
 * on without waiting for the feed to bring the same change.
 */
import { database } from '$lib/db/database';
import { sessionFile } from '$lib/db/repositories/import-sessions';
import { serverError, type AppError } from '$lib/domain/errors';
import type { ImportJobView } from '$lib/domain/import-job';
import type { ImportSession } from '$lib/domain/import-session';
import { fail, ok, type Result } from '$lib/domain/result';
import { resultFileName } from '$lib/domain/result-files';
import { today } from '$lib/domain/dates';
import type { ResultKind } from '$lib/import/api';
import { uploadFile } from '$lib/sync/upload-file';
import { apiFetch, type ApiResult } from './api';

type Answer<T> = Promise<Result<T, AppError>>;

/** A job the server answered with, kept unless the feed already brought a newer state of it. */
async function remember(job: ImportJobView): Promise<void> {
	const db = database();
	await db.transaction('rw', db.siteImports, async () => {
		const stored = await db.siteImports.get(job.id);
		if (!stored || stored.updatedAt <= job.updatedAt) await db.siteImports.put(job);
	});
}

function answered<T>(result: ApiResult<T>): Result<T, AppError> {
	if (result.ok) return ok(result.value);
	const { code, message } = result.errors[0];
	return fail(serverError(code, message));
}

/**
 * Uploads the session's file and starts its import on the server with what Configure chose.
 * `onUpload` hears the bytes the server holds. The job, once accepted, replaces the session.
 */
export async function startOnServer(
	session: ImportSession,
	onUpload: (received: number, size: number) => void
): Answer<ImportJobView> {
	const db = database();
	const file = await sessionFile(db, session.id);
	const uploaded = await uploadFile(file, session.fileName, { onProgress: onUpload });
	if (!uploaded.ok) {
		const error = uploaded.errors[0];
		return fail(serverError(error?.code ?? 'UNEXPECTED', error?.message ?? 'The upload failed.'));
	}
	const started = answered(
		await apiFetch<{ id: string; import: ImportJobView }>('/imports', {
			method: 'POST',
			json: {
				uploadId: uploaded.value.id,
				encoding: session.encoding,
				bomLength: session.bomLength,
				delimiter: session.delimiter,
				settings: session.settings,
				mapping: session.mapping,
				...(session.workbook ? { sheet: session.workbook.sheet } : {}),
				...(session.totalRows === undefined ? {} : { totalRows: session.totalRows })
			}
		})
	);
	if (!started.ok) return started;
	await remember(started.value.import);
	return ok(started.value.import);
}

/** Resume, cancel or undo a job: the server answers with the job as it now is. */
export async function commandJob(
	id: string,
	command: 'resume' | 'cancel' | 'undo'
): Answer<ImportJobView> {
	const result = answered(
		await apiFetch<ImportJobView>(`/imports/${encodeURIComponent(id)}/${command}`, {
			method: 'POST'
		})
	);
	if (result.ok) await remember(result.value);
	return result;
}

/** Complete: the server deletes the job's results for every admin; the replica forgets it now. */
export async function completeJob(id: string): Answer<void> {
	const result = answered(
		await apiFetch<undefined>(`/imports/${encodeURIComponent(id)}`, { method: 'DELETE' })
	);
	if (result.ok) await database().siteImports.delete(id);
	return result;
}

/**
 * A result file of a job, streamed by the server and named after this admin's day (the server
 * knows only UTC's).
 */
export async function jobResultFile(
	job: ImportJobView,
	kind: ResultKind
): Answer<{ blob: Blob; fileName: string }> {
	let response: Response;
	try {
		response = await fetch(`/api/imports/${encodeURIComponent(job.id)}/results/${kind}.csv`, {
			credentials: 'same-origin'
		});
	} catch {
		return fail(serverError('UNREACHABLE', 'The Roster server cannot be reached: try again.'));
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as {
			code?: string;
			message?: string;
		} | null;
		return fail(
			serverError(
				body?.code ?? `HTTP_${response.status}`,
				body?.message ?? `The server answered ${response.status}: try again.`
			)
		);
	}
	return ok({ blob: await response.blob(), fileName: resultFileName(job.fileName, kind, today()) });
}

/**
 * The site server's backup, restore and erase (docs/architecture.md, "Backup, restore and erase
 * on the server"), as Results for the Settings screen and the moving-in offer. The file format
 * is the browser's own (src/lib/domain/backup-format.ts).
 */
import { appError, isAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';

/** The media type /api/restore takes a backup file as. */
const BACKUP_MEDIA_TYPE = 'application/x-ndjson';

export interface RestoreAnswer {
	restored: Record<string, number>;
	/** The file's records the site does not keep (an import's history, the theme), per table. */
	left: Record<string, number>;
	version: number;
}

export interface SiteContents {
	users: number;
	cards: number;
}

/** The server's `{ code, message }`, or a message saying the server could not be reached. */
async function refusal(response: Response | null): Promise<AppError> {
	if (response === null)
		return appError(
			'UNEXPECTED',
			'Roster could not reach the site server. Check the connection and try again.'
		);
	const body: unknown = await response.json().catch(() => null);
	if (isAppError(body)) return body;
	const message =
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { message?: unknown }).message === 'string'
			? (body as { message: string }).message
			: `The site server answered ${response.status}.`;
	return appError('UNEXPECTED', message);
}

async function call(path: string, init?: RequestInit): Promise<Result<Response, AppError>> {
	const response = await fetch(path, { credentials: 'same-origin', ...init }).catch(() => null);
	return response?.ok ? ok(response) : fail(await refusal(response));
}

/** The whole site as one backup file. */
export async function downloadSiteBackup(): Promise<Result<Blob, AppError>> {
	const response = await call('/api/backup');
	return response.ok ? ok(await response.value.blob()) : response;
}

/** Restores a backup file into the (empty) site; the server checks the whole file first. */
export async function restoreSiteBackup(file: Blob): Promise<Result<RestoreAnswer, AppError>> {
	const response = await call('/api/restore', {
		method: 'POST',
		headers: { 'Content-Type': BACKUP_MEDIA_TYPE },
		body: file
	});
	return response.ok ? ok((await response.value.json()) as RestoreAnswer) : response;
}

/** Erases the site's settings, people, cards and photos for every admin (the owner only). */
export async function eraseSite(confirm: string): Promise<Result<true, AppError>> {
	const response = await call('/api/erase', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ confirm })
	});
	return response.ok ? ok(true) : response;
}

/** How many users and cards the site holds, and whether the signed-in admin is its owner. */
export async function siteContents(): Promise<Result<SiteContents & { owner: boolean }, AppError>> {
	const response = await call('/api/site/contents');
	return response.ok
		? ok((await response.value.json()) as SiteContents & { owner: boolean })
		: response;
}

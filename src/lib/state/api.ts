import { appError, isAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';

/** What the app does when the server says the session is gone (set once by the signed-in shell). */
let onUnauthenticated: () => void = () => {};

export function whenUnauthenticated(handler: () => void): void {
	onUnauthenticated = handler;
}

/**
 * One request to the site's API: the parsed JSON answer (undefined for 204), or the server's
 * `{ code, message }` refusal, or an UNEXPECTED error when the network or the answer fails.
 */
export async function apiFetch<T>(
	path: string,
	init: RequestInit = {}
): Promise<Result<T, AppError>> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			...init,
			credentials: 'same-origin',
			headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers
		});
	} catch {
		return fail(appError('UNEXPECTED', 'The site server cannot be reached'));
	}
	if (response.status === 401) onUnauthenticated();
	const body: unknown =
		response.status === 204 ? undefined : await response.json().catch(() => null);
	if (response.ok) return ok(body as T);
	return fail(
		isAppError(body) ? body : appError('UNEXPECTED', `The server answered ${response.status}`)
	);
}

/** A binary answer (a photo) as a Blob, or null when it cannot be had. */
export async function apiBlob(path: string): Promise<Blob | null> {
	const response = await fetch(`/api${path}`, { credentials: 'same-origin' }).catch(() => null);
	if (response?.status === 401) onUnauthenticated();
	return response?.ok ? response.blob() : null;
}

/**
 * One request to the site's API, answered as a Result. It lives here, not in state/, so that
 * sync/ can use it too (the upload of a file, sync/upload-file.ts); state/api.ts re-exports it
 * and adds what only the page does (reporting an ended session to the sign-in gate).
 */

/** A refusal of the API (server/http/api-failure.ts) or the network's: `status` 0 when offline. */
export interface ApiError {
	code: string;
	message: string;
	status: number;
	/** What the server added for the browser to act on (an upload's `received`, a field's name). */
	detail?: Record<string, unknown>;
}

/** A `Result` (domain/result.ts) whose failure always carries exactly one error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; errors: [ApiError] };

export const UNREACHABLE = 'UNREACHABLE';

const isApiBody = (
	body: unknown
): body is { code: string; message: string; detail?: Record<string, unknown> } =>
	typeof body === 'object' &&
	body !== null &&
	typeof (body as { code?: unknown }).code === 'string' &&
	typeof (body as { message?: unknown }).message === 'string';

/** What a request sends: a value as JSON, or bytes as they are (`content-type` in `headers`). */
export type ApiRequestInit = Omit<RequestInit, 'body'> & {
	json?: unknown;
	body?: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>;
};

/**
 * One request to the site's API through `fetcher`: a JSON body goes out as JSON, the answer
 * comes back parsed (undefined for 204), and every failure, the network's too, is a Result.
 */
export async function requestApi<T>(
	fetcher: typeof fetch,
	path: string,
	init: ApiRequestInit = {}
): Promise<ApiResult<T>> {
	const { json, body: bytes, ...rest } = init;
	const headers = new Headers(rest.headers);
	if (json !== undefined) headers.set('content-type', 'application/json');
	let response: Response;
	try {
		response = await fetcher(`/api${path}`, {
			...rest,
			headers,
			credentials: 'same-origin',
			body: json === undefined ? bytes : JSON.stringify(json)
		});
	} catch {
		return {
			ok: false,
			errors: [{ code: UNREACHABLE, message: 'The Roster server cannot be reached.', status: 0 }]
		};
	}
	const body: unknown =
		response.status === 204 ? undefined : await response.json().catch(() => null);
	if (response.ok) return { ok: true, value: body as T };
	return {
		ok: false,
		errors: [
			isApiBody(body)
				? { ...body, status: response.status }
				: {
						code: 'HTTP_' + response.status,
						message: `The server answered ${response.status}.`,
						status: response.status
					}
		]
	};
}

/** A refusal of the API (server/http/api-failure.ts) or the network's: `status` 0 when offline. */
export interface ApiError {
	code: string;
	message: string;
	status: number;
}

/** A `Result` (domain/result.ts) whose failure always carries exactly one error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; errors: [ApiError] };

export const UNREACHABLE = 'UNREACHABLE';

const isApiBody = (body: unknown): body is { code: string; message: string } =>
	typeof body === 'object' &&
	body !== null &&
	typeof (body as { code?: unknown }).code === 'string' &&
	typeof (body as { message?: unknown }).message === 'string';

/**
 * One request to the site's API through `fetcher`: a JSON body goes out as JSON, the answer
 * comes back parsed (undefined for 204), and every failure, the network's too, is a Result.
 */
export async function requestApi<T>(
	fetcher: typeof fetch,
	path: string,
	init: Omit<RequestInit, 'body'> & { json?: unknown } = {}
): Promise<ApiResult<T>> {
	const { json, ...rest } = init;
	const headers = new Headers(rest.headers);
	if (json !== undefined) headers.set('content-type', 'application/json');
	let response: Response;
	try {
		response = await fetcher(`/api${path}`, {
			...rest,
			headers,
			credentials: 'same-origin',
			body: json === undefined ? undefined : JSON.stringify(json)
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

let sessionEnded: () => void = () => {};

/** Who hears that the server no longer knows this browser's session (site-session does). */
export function whenSessionEnds(listener: () => void): void {
	sessionEnded = listener;
}

/** The app's request to its API: a 401 means the session ended, and the app goes to sign-in. */
export async function apiFetch<T>(
	path: string,
	init?: Parameters<typeof requestApi>[2]
): Promise<ApiResult<T>> {
	const result = await requestApi<T>(fetch, path, init);
	if (!result.ok && result.errors[0].status === 401) sessionEnded();
	return result;
}

import { requestApi, type ApiRequestInit, type ApiResult } from '$lib/sync/request-api';

// The request itself is sync/'s, so that the upload of a file (sync/upload-file.ts) uses it too.
export {
	requestApi,
	UNREACHABLE,
	type ApiError,
	type ApiRequestInit,
	type ApiResult
} from '$lib/sync/request-api';

let sessionEnded: () => void = () => {};

/** Who hears that the server no longer knows this browser's session (site-session does). */
export function whenSessionEnds(listener: () => void): void {
	sessionEnded = listener;
}

/** The app's request to its API: a 401 means the session ended, and the app goes to sign-in. */
export async function apiFetch<T>(path: string, init?: ApiRequestInit): Promise<ApiResult<T>> {
	const result = await requestApi<T>(fetch, path, init);
	if (!result.ok && result.errors[0].status === 401) sessionEnded();
	return result;
}

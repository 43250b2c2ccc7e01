/**
 * Sends a file to the site once, for an import that runs on the server (docs/architecture.md,
 * "Uploads"): its SHA-256 first, then a create, then its parts in order. A part lost on the way,
 * or an answer lost after the part was stored, is not sent blindly again: the server is asked how
 * many bytes it holds and the upload goes on from there.
 */
import { fail, ok, type Result } from '$lib/domain/result';
import { partLength, toHex, validateUploadRequest, type UploadStatus } from '$lib/domain/uploads';
import { requestApi, UNREACHABLE, type ApiError } from './request-api';

export interface UploadError {
	code: string;
	message: string;
}

export interface UploadOptions {
	signal?: AbortSignal;
	/** Bytes the server holds so far, and the file's size: after every part and every resume. */
	onProgress?: (received: number, size: number) => void;
	/** How requests go out (tests pass one to the test server); `fetch` by default. */
	fetcher?: typeof fetch;
	/** Failures in a row, each followed by asking the server how far it got, before giving up. */
	retries?: number;
	/** How long to wait before the n-th retry in a row (from 1), in ms. */
	retryDelay?: (attempt: number) => number;
}

export const UPLOAD_RETRIES = 5;
const backoff = (attempt: number) => Math.min(8_000, 500 * 2 ** (attempt - 1));

const CANCELLED: UploadError = { code: 'CANCELLED', message: 'The upload was cancelled.' };
/** A part answered OK while the server's count of bytes did not move. */
const STALLED: ApiError = {
	code: 'UPLOAD_STALLED',
	message: 'The server accepted a part but stored none of it.',
	status: 200
};

/** Worth trying again: the network, the server's own fault, or a part at an offset it did not expect. */
const retryable = (error: ApiError) =>
	error.code === UNREACHABLE || error.code === 'UPLOAD_OFFSET' || error.status >= 500;

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (ms <= 0 || signal?.aborted) return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}

/**
 * The file's SHA-256 in hex. `crypto.subtle.digest` takes the whole file in memory and has no
 * streaming form; that is fine for a CSV under the site's Maximum CSV size (5 MB by default, a
 * few tens of MB when raised). A limit raised towards its 1 GB ceiling would need an incremental
 * hash here instead.
 */
async function sha256Of(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return toHex(new Uint8Array(digest));
}

const fromApi = ({ code, message }: ApiError): UploadError => ({ code, message });

/**
 * Uploads `file` as `name`: `{ id }` of the completed upload (its bytes checked by the server
 * against the SHA-256), or why not. Gives up after `retries` failures in a row; a part answered
 * OK without the server's count moving is a failure too.
 */
export async function uploadFile(
	file: Blob,
	name: string,
	options: UploadOptions = {}
): Promise<Result<{ id: string }, UploadError>> {
	const { signal, onProgress } = options;
	const fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
	const retries = options.retries ?? UPLOAD_RETRIES;
	const retryDelay = options.retryDelay ?? backoff;
	const size = file.size;

	let sha256: string;
	try {
		sha256 = await sha256Of(file);
	} catch {
		return fail({
			code: 'FILE_UNREADABLE',
			message: 'The file could not be read: choose it again.'
		});
	}
	const judged = validateUploadRequest({ name, size, sha256 });
	if (!judged.ok) return fail({ code: 'INVALID_INPUT', message: judged.errors.join(' ') });

	let failures = 0;
	/** Counts a failure: false once there have been too many in a row (or the upload was cancelled). */
	async function again(): Promise<boolean> {
		failures += 1;
		if (failures > retries || signal?.aborted) return false;
		await pause(retryDelay(failures), signal);
		return !signal?.aborted;
	}
	const gaveUp = (last: ApiError): UploadError =>
		signal?.aborted
			? CANCELLED
			: {
					code: last.code,
					message: `The file could not be sent: ${last.message} It was tried ${failures} times; check the connection and upload the file again.`
				};

	// A create sent again after a lost answer leaves an unused upload, which the server deletes a day later.
	let id: string;
	for (;;) {
		if (signal?.aborted) return fail(CANCELLED);
		const created = await requestApi<{ id: string; received: number }>(fetcher, '/uploads', {
			method: 'POST',
			json: judged.value,
			signal
		});
		if (created.ok) {
			id = created.value.id;
			break;
		}
		const [error] = created.errors;
		if (signal?.aborted) return fail(CANCELLED);
		if (!retryable(error)) return fail(fromApi(error));
		if (!(await again())) return fail(gaveUp(error));
	}
	failures = 0;
	const path = `/uploads/${encodeURIComponent(id)}`;

	let received = 0;
	onProgress?.(received, size);
	for (;;) {
		if (signal?.aborted) return fail(CANCELLED);
		const sent = await requestApi<UploadStatus>(fetcher, `${path}?offset=${received}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/octet-stream' },
			body: file.slice(received, received + partLength(size, received)),
			signal
		});
		if (sent.ok) {
			const moved = sent.value.received > received;
			received = sent.value.received;
			onProgress?.(received, size);
			if (sent.value.completed) return ok({ id });
			if (moved) {
				failures = 0;
				continue;
			}
			// An OK that holds no more bytes than before counts as a failure: a server that kept
			// answering so would otherwise be sent the same part for ever.
			if (!(await again())) return fail(gaveUp(STALLED));
			continue;
		}
		const [error] = sent.errors;
		if (signal?.aborted) return fail(CANCELLED);
		if (error.code === 'CHECKSUM_MISMATCH')
			return fail({
				code: error.code,
				message:
					'The file that arrived is not the file chosen: it may have changed while it was sent. Choose the file again.'
			});
		if (!retryable(error)) return fail(fromApi(error));
		if (!(await again())) return fail(gaveUp(error));
		// Where to go on from: the server's count, whatever this side believes was sent.
		const status = await requestApi<UploadStatus>(fetcher, path, { signal });
		if (status.ok) {
			received = status.value.received;
			onProgress?.(received, size);
			if (status.value.completed) return ok({ id });
		} else if (!retryable(status.errors[0]) && !signal?.aborted) {
			return fail(fromApi(status.errors[0]));
		}
	}
}

/**
 * Resizes an image in a worker (decoding a 12-megapixel photo takes long enough to drop frames):
 * a card-shaped image at most 512 px tall and a 96 px square thumbnail, both JPEG.
 */
import { wrap, type Remote } from 'comlink';
import { appError, toAppError, type AppError } from '$lib/domain/errors';
import { fail, type Result } from '$lib/domain/result';
import type { ResizedImage } from './resize-core';
import type { ResizeWorkerApi } from './resize.worker';

export type { ResizedImage } from './resize-core';

let remote: Remote<ResizeWorkerApi> | undefined;

function worker(): Remote<ResizeWorkerApi> {
	remote ??= wrap<ResizeWorkerApi>(
		new Worker(new URL('./resize.worker.ts', import.meta.url), { type: 'module' })
	);
	return remote;
}

/** See `resizeImageFile`: `maxBytes` is the Maximum image size setting, for the stored image. */
export async function resizeImage(
	file: Blob,
	name?: string,
	maxBytes?: number
): Promise<Result<ResizedImage, AppError>> {
	if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
		return fail(appError('UNEXPECTED', 'This browser cannot resize images (no OffscreenCanvas).'));
	}
	try {
		return await worker().resize(file, name, maxBytes);
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

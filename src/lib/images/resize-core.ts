/**
 * Decoding and resizing with createImageBitmap + OffscreenCanvas. Runs in the resize worker and in
 * the import worker (bulk images): nothing here touches the DOM.
 *
 * Any image Roster can decode, up to IMAGE_FILE_MAX_BYTES, is accepted however large: it is
 * cropped to the card photo's shape (centred) and scaled to at most IMAGE_MAX, and only the result
 * must fit the Maximum image size setting.
 */
import { appError, type AppError } from '$lib/domain/errors';
import { formatBytes } from '$lib/domain/format-bytes';
import { fail, ok, type Result } from '$lib/domain/result';
import {
	CARD_PHOTO_ASPECT,
	IMAGE_FILE_MAX_BYTES,
	IMAGE_MAX,
	THUMBNAIL_SIZE
} from '$lib/domain/image-limits';
import { centredCrop, fitWithin, type Region } from './geometry';

export interface ResizedImage {
	image: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
}

const OUTPUT_TYPE = 'image/jpeg';
/** The first quality is the one every image gets unless it is over the limit at it. */
const QUALITIES = [0.86, 0.7, 0.55, 0.4] as const;
/** The setting the stored size is held to, by its label in Settings. */
const SETTING = 'Maximum image size';

/**
 * The first encoding, from the best quality down, that is at most `maxBytes`; or, when none is,
 * the size of the smallest one.
 */
export async function encodeWithin(
	encode: (quality: number) => Promise<Blob>,
	maxBytes: number
): Promise<Result<Blob, number>> {
	let smallest = Infinity;
	for (const quality of QUALITIES) {
		const blob = await encode(quality);
		if (blob.size <= maxBytes) return ok(blob);
		smallest = Math.min(smallest, blob.size);
	}
	return fail(smallest);
}

/** `region` of `bitmap` drawn at (width, height). */
function drawn(
	bitmap: ImageBitmap,
	region: Region,
	width: number,
	height: number
): OffscreenCanvas {
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('2D canvas is not available');
	// JPEG has no transparency: a transparent PNG gets a white background, not a black one.
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, width, height);
	context.imageSmoothingQuality = 'high';
	context.drawImage(bitmap, region.x, region.y, region.width, region.height, 0, 0, width, height);
	return canvas;
}

/**
 * The stored image of `file`: the centred card-shaped crop at most IMAGE_MAX tall, its centred
 * square as a thumbnail, the image at most `maxBytes` (the Maximum image size setting).
 */
export async function resizeImageFile(
	file: Blob,
	name = 'The file',
	maxBytes = Infinity
): Promise<Result<ResizedImage, AppError>> {
	if (file.size === 0) return fail(appError('INVALID_INPUT', `${name} is empty.`));
	if (file.size > IMAGE_FILE_MAX_BYTES) {
		return fail(
			appError(
				'INVALID_INPUT',
				`${name} is ${formatBytes(file.size)}; Roster reads images of up to ${formatBytes(IMAGE_FILE_MAX_BYTES)}. Save it at a smaller size and choose it again.`
			)
		);
	}
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return fail(
			appError(
				'INVALID_INPUT',
				`${name} is not an image Roster can read — use JPEG, PNG, WebP or GIF.`
			)
		);
	}
	try {
		const crop = centredCrop(bitmap.width, bitmap.height, CARD_PHOTO_ASPECT);
		const size = fitWithin(crop.width, crop.height, IMAGE_MAX);
		const main = drawn(bitmap, crop, size.width, size.height);
		const square = centredCrop(bitmap.width, bitmap.height, 1);
		const side = Math.min(THUMBNAIL_SIZE, square.width);
		const thumb = drawn(bitmap, square, side, side);
		const [image, thumbnail] = await Promise.all([
			encodeWithin((quality) => main.convertToBlob({ type: OUTPUT_TYPE, quality }), maxBytes),
			thumb.convertToBlob({ type: OUTPUT_TYPE, quality: QUALITIES[0] })
		]);
		if (!image.ok) {
			return fail(
				appError(
					'INVALID_INPUT',
					`${name} is still ${formatBytes(image.errors[0] ?? 0)} once resized to ${size.width} × ${size.height} px, over the ${formatBytes(maxBytes)} of ${SETTING} in Settings. Raise ${SETTING} there, or use a simpler photo.`
				)
			);
		}
		return ok({ image: image.value, thumbnail, width: size.width, height: size.height });
	} catch (thrown) {
		return fail(appError('UNEXPECTED', `${name} could not be resized: ${String(thrown)}`));
	} finally {
		bitmap.close();
	}
}

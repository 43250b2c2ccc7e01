/**
 * Decoding and resizing with createImageBitmap + OffscreenCanvas. Runs in the resize worker (and
 * could run in the import worker for bulk images): nothing here touches the DOM.
 */
import { appError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import {
	centredSquare,
	fitWithin,
	IMAGE_FILE_MAX_BYTES,
	IMAGE_MAX,
	THUMBNAIL_SIZE
} from './geometry';

export interface ResizedImage {
	image: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
}

const OUTPUT = { type: 'image/jpeg', quality: 0.86 } as const;

function canvas(width: number, height: number): OffscreenCanvasRenderingContext2D {
	const context = new OffscreenCanvas(width, height).getContext('2d');
	if (!context) throw new Error('2D canvas is not available');
	// JPEG has no transparency: a transparent PNG gets a white background, not a black one.
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, width, height);
	context.imageSmoothingQuality = 'high';
	return context;
}

export async function resizeImageFile(
	file: Blob,
	name = 'The file'
): Promise<Result<ResizedImage, AppError>> {
	if (file.size === 0) return fail(appError('INVALID_INPUT', `${name} is empty.`));
	if (file.size > IMAGE_FILE_MAX_BYTES) {
		return fail(appError('INVALID_INPUT', `${name} is larger than 30 MB; choose a smaller image.`));
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
		const size = fitWithin(bitmap.width, bitmap.height, IMAGE_MAX);
		const main = canvas(size.width, size.height);
		main.drawImage(bitmap, 0, 0, size.width, size.height);
		const square = centredSquare(bitmap.width, bitmap.height);
		const thumbSide = Math.min(THUMBNAIL_SIZE, square.size);
		const thumb = canvas(thumbSide, thumbSide);
		thumb.drawImage(
			bitmap,
			square.x,
			square.y,
			square.size,
			square.size,
			0,
			0,
			thumbSide,
			thumbSide
		);
		const [image, thumbnail] = await Promise.all([
			main.canvas.convertToBlob(OUTPUT),
			thumb.canvas.convertToBlob(OUTPUT)
		]);
		return ok({ image, thumbnail, width: size.width, height: size.height });
	} catch (thrown) {
		return fail(appError('UNEXPECTED', `${name} could not be resized: ${String(thrown)}`));
	} finally {
		bitmap.close();
	}
}

/** Sizes of the stored images: the profile/card image and the list thumbnail (square). */
export const IMAGE_MAX = 512;
export const THUMBNAIL_SIZE = 96;
/** Larger files are refused before decoding: a phone photo is a few MB, not 50. */
export const IMAGE_FILE_MAX_BYTES = 30 * 1024 * 1024;

/** Scales (w, h) to fit within `max` on both sides, never enlarging. */
export function fitWithin(
	width: number,
	height: number,
	max: number
): { width: number; height: number } {
	const scale = Math.min(1, max / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** The centred square of (w, h) a thumbnail shows: faces are usually in the middle. */
export function centredSquare(
	width: number,
	height: number
): { x: number; y: number; size: number } {
	const size = Math.min(width, height);
	return { x: Math.floor((width - size) / 2), y: Math.floor((height - size) / 2), size };
}

/** A region of an image, in its pixels. */
export interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

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

/**
 * The largest centred region of (w, h) whose width is `aspect` times its height: what a card or a
 * thumbnail shows of a photo of another shape, cropped rather than stretched, as faces are usually
 * in the middle.
 */
export function centredCrop(width: number, height: number, aspect: number): Region {
	const wide = width > height * aspect;
	const cropWidth = wide ? Math.max(1, Math.round(height * aspect)) : width;
	const cropHeight = wide ? height : Math.max(1, Math.round(width / aspect));
	return {
		x: Math.floor((width - cropWidth) / 2),
		y: Math.floor((height - cropHeight) / 2),
		width: cropWidth,
		height: cropHeight
	};
}

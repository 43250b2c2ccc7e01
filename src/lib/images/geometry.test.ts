import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_PHOTO_ASPECT, IMAGE_MAX } from '$lib/domain/image-limits';
import { centredCrop, fitWithin } from './geometry';

describe('centredCrop', () => {
	it('cuts the sides of a landscape photo to the card shape, keeping its middle', () => {
		// 4000 × 3000: the card shape of it is 3000 × 22/28 = 2357 wide.
		expect(centredCrop(4000, 3000, CARD_PHOTO_ASPECT)).toEqual({
			x: 821,
			y: 0,
			width: 2357,
			height: 3000
		});
	});

	it('cuts the top and bottom of a photo taller than the card', () => {
		expect(centredCrop(1100, 2000, CARD_PHOTO_ASPECT)).toEqual({
			x: 0,
			y: 300,
			width: 1100,
			height: 1400
		});
	});

	it('keeps a photo of the card shape whole, and gives the centred square', () => {
		expect(centredCrop(220, 280, CARD_PHOTO_ASPECT)).toEqual({
			x: 0,
			y: 0,
			width: 220,
			height: 280
		});
		expect(centredCrop(800, 600, 1)).toEqual({ x: 100, y: 0, width: 600, height: 600 });
		expect(centredCrop(300, 301, 1)).toEqual({ x: 0, y: 0, width: 300, height: 300 });
	});

	it('keeps a sliver at least one pixel wide', () => {
		expect(centredCrop(5000, 1, CARD_PHOTO_ASPECT)).toMatchObject({ width: 1, height: 1 });
		expect(centredCrop(1, 5000, CARD_PHOTO_ASPECT)).toMatchObject({ width: 1, height: 1 });
	});

	it('keeps a photo whole when its shape rounds to the one asked for', () => {
		expect(centredCrop(6, 7, CARD_PHOTO_ASPECT)).toEqual({ x: 0, y: 0, width: 6, height: 7 });
	});

	it('always lies inside the photo, centred, with the shape asked for to the pixel', () => {
		const side = fc.integer({ min: 1, max: 20_000 });
		fc.assert(
			fc.property(side, side, fc.constantFrom(CARD_PHOTO_ASPECT, 1, 4 / 3), (w, h, aspect) => {
				const crop = centredCrop(w, h, aspect);
				expect(crop.x).toBeGreaterThanOrEqual(0);
				expect(crop.y).toBeGreaterThanOrEqual(0);
				expect(crop.x + crop.width).toBeLessThanOrEqual(w);
				expect(crop.y + crop.height).toBeLessThanOrEqual(h);
				// Centred: the margins on either side differ by at most a pixel.
				expect(Math.abs(w - crop.width - 2 * crop.x)).toBeLessThanOrEqual(1);
				expect(Math.abs(h - crop.height - 2 * crop.y)).toBeLessThanOrEqual(1);
				// One side is whole, the other rounded from it: off the shape by under a pixel.
				expect(crop.width === w || crop.height === h).toBe(true);
				if (crop.width > 1 && crop.height > 1) {
					// A crop can keep both sides whole (6 × 7 at 22:28 rounds 5.5 up to 6): then either
					// reading of it may be the one rounded.
					const offs = [
						crop.height === h ? Math.abs(crop.width - h * aspect) : Infinity,
						crop.width === w ? Math.abs(crop.height - w / aspect) : Infinity
					];
					expect(Math.min(...offs)).toBeLessThanOrEqual(0.5);
				}
			})
		);
	});
});

describe('fitWithin', () => {
	it('scales the crop of a large photo to 512 px tall, keeping its shape', () => {
		const crop = centredCrop(4000, 3000, CARD_PHOTO_ASPECT);
		expect(fitWithin(crop.width, crop.height, IMAGE_MAX)).toEqual({ width: 402, height: 512 });
	});

	it('never enlarges a small image', () => {
		expect(fitWithin(110, 140, IMAGE_MAX)).toEqual({ width: 110, height: 140 });
	});
});

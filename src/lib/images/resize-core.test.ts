import { describe, expect, it } from 'vitest';
import { encodeWithin } from './resize-core';

/** An encoder whose output shrinks with the quality, recording the qualities asked for. */
function encoder(bytesPerQuality: number) {
	const asked: number[] = [];
	const encode = (quality: number): Promise<Blob> => {
		asked.push(quality);
		return Promise.resolve(new Blob([new Uint8Array(Math.round(quality * bytesPerQuality))]));
	};
	return { asked, encode };
}

describe('encodeWithin', () => {
	it('keeps the best quality when it fits the limit', async () => {
		const { asked, encode } = encoder(1000);
		const result = await encodeWithin(encode, 1000);
		expect(result.ok && result.value.size).toBe(860);
		expect(asked).toEqual([0.86]);
	});

	it('lowers the quality step by step until the image fits', async () => {
		const { asked, encode } = encoder(1000);
		const result = await encodeWithin(encode, 600);
		expect(result.ok && result.value.size).toBe(550);
		expect(asked).toEqual([0.86, 0.7, 0.55]);
	});

	it('gives the smallest size it reached when no quality fits', async () => {
		const { encode } = encoder(1000);
		expect(await encodeWithin(encode, 100)).toEqual({ ok: false, errors: [400] });
	});
});

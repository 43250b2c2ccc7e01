import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A camera-sized photo made in the page: noise (so it is as large as a real photo, several MB as
 * JPEG), red bands at the left and right edges where a card-shaped centre crop cuts, and a black
 * disc in the middle, which stays round unless the image is stretched.
 */
export interface GeneratedPhoto {
	name: string;
	width: number;
	height: number;
}

/** A file of `bytes` zeros dressed as a JPEG (too large to be read at all). */
export interface GeneratedBlob {
	name: string;
	bytes: number;
}

/**
 * Chooses generated files in a file input, made in the page itself so that tens of megabytes
 * never cross from the test to the browser. Returns each file's size in bytes.
 */
export async function chooseFiles(
	input: Locator,
	files: readonly (GeneratedPhoto | GeneratedBlob)[]
): Promise<number[]> {
	return input.evaluate(async (element, files) => {
		const photo = async ({ width, height }: { width: number; height: number }): Promise<Blob> => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d');
			if (!context) throw new Error('no 2d context');
			const pixels = context.createImageData(width, height);
			const random = new Uint8Array(65_536);
			for (let at = 0; at < pixels.data.length; at += random.length) {
				crypto.getRandomValues(random);
				pixels.data.set(random.subarray(0, Math.min(random.length, pixels.data.length - at)), at);
			}
			for (let alpha = 3; alpha < pixels.data.length; alpha += 4) pixels.data[alpha] = 255;
			context.putImageData(pixels, 0, 0);
			const band = Math.round(width * 0.15);
			context.fillStyle = '#ff0000';
			context.fillRect(0, 0, band, height);
			context.fillRect(width - band, 0, band, height);
			context.fillStyle = '#000000';
			context.beginPath();
			context.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, 2 * Math.PI);
			context.fill();
			return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
		};
		const transfer = new DataTransfer();
		for (const file of files) {
			const blob = 'bytes' in file ? new Blob([new Uint8Array(file.bytes)]) : await photo(file);
			transfer.items.add(new File([blob], file.name, { type: 'image/jpeg' }));
		}
		// Read first: a screen that clears its input once it has the files empties this list too.
		const sizes = [...transfer.files].map((file) => file.size);
		const input = element as HTMLInputElement;
		input.files = transfer.files;
		input.dispatchEvent(new Event('input', { bubbles: true }));
		input.dispatchEvent(new Event('change', { bubbles: true }));
		return sizes;
	}, files);
}

/** What was stored for a user: sizes, and how the disc and the edges of the photo came out. */
export interface StoredPhoto {
	width: number;
	height: number;
	thumbnail: [number, number];
	/** Dark pixels across the middle row and down the middle column of the image. */
	discWidth: number;
	discHeight: number;
	/** Whether the left or right column of the image is mostly red (the bands were kept). */
	redEdge: boolean;
}

export async function storedPhoto(page: Page, userId: string): Promise<StoredPhoto> {
	return page.evaluate(async (userId) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
		const record = await new Promise<{ image: Blob; thumbnail: Blob; width: number }>(
			(resolve, reject) => {
				const request = db.transaction('images').objectStore('images').get(userId);
				request.onsuccess = () =>
					resolve(request.result as { image: Blob; thumbnail: Blob; width: number });
				request.onerror = () => reject(request.error ?? new Error('read failed'));
			}
		);
		db.close();
		const image = await createImageBitmap(record.image);
		const thumbnail = await createImageBitmap(record.thumbnail);
		const { width, height } = image;
		const context = new OffscreenCanvas(width, height).getContext('2d');
		if (!context) throw new Error('no 2d context');
		context.drawImage(image, 0, 0);
		const { data } = context.getImageData(0, 0, width, height);
		const at = (x: number, y: number) =>
			data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3);
		const dark = (x: number, y: number) => Math.max(...at(x, y)) < 60;
		let discWidth = 0;
		let discHeight = 0;
		for (let x = 0; x < width; x += 1) if (dark(x, height >> 1)) discWidth += 1;
		for (let y = 0; y < height; y += 1) if (dark(width >> 1, y)) discHeight += 1;
		const red = (x: number) => {
			let count = 0;
			for (let y = 0; y < height; y += 1) {
				const [r = 0, g = 0, b = 0] = at(x, y);
				if (r > 200 && g < 80 && b < 80) count += 1;
			}
			return count > height / 2;
		};
		return {
			width,
			height,
			thumbnail: [thumbnail.width, thumbnail.height] as [number, number],
			discWidth,
			discHeight,
			redEdge: red(0) || red(width - 1)
		};
	}, userId);
}

/**
 * Expects an `img` to show its picture in a box of `aspect` (width / height), undistorted: the
 * picture has the box's shape, or is cropped to fill it (`object-fit: cover`).
 */
export async function expectShownAs(image: Locator, aspect: number): Promise<void> {
	await expect(image).toHaveJSProperty('complete', true);
	const shape = await image.evaluate((element) => {
		const img = element as HTMLImageElement;
		const box = img.getBoundingClientRect();
		return {
			box: box.width / box.height,
			picture: img.naturalWidth / img.naturalHeight,
			fit: getComputedStyle(img).objectFit
		};
	});
	expect(shape.box, 'the shape of the box').toBeCloseTo(aspect, 2);
	if (shape.fit !== 'cover')
		expect(shape.picture, 'the shape of the picture').toBeCloseTo(aspect, 2);
}

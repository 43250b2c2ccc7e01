import { expect, type Locator, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';

/** A file as Playwright hands it to an input (and as the drop helper builds it in the page). */
export interface FilePayload {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * A real image of `type`, drawn and encoded by the browser itself (OffscreenCanvas), so every
 * format the app accepts is tested with bytes a camera or editor could have written.
 */
export async function drawnImage(
	page: Page,
	name: string,
	type: ImageType,
	options: { color?: string; width?: number; height?: number } = {}
): Promise<FilePayload> {
	const { color = '#c0392b', width = 640, height = 480 } = options;
	const bytes = await page.evaluate(
		async ({ type, color, width, height }) => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d');
			if (!context) throw new Error('no 2d context');
			context.fillStyle = color;
			context.fillRect(0, 0, width, height);
			context.fillStyle = '#ffffff';
			context.fillRect(width / 4, height / 4, width / 2, height / 2);
			const blob = await canvas.convertToBlob({ type, quality: 0.9 });
			if (blob.type !== type) throw new Error(`the browser encoded ${blob.type}, not ${type}`);
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ type, color, width, height }
	);
	return { name, mimeType: type, buffer: Buffer.from(bytes) };
}

/** Random bytes dressed as a JPEG: the browser cannot decode them. */
export const corruptJpeg = (name: string): FilePayload => ({
	name,
	mimeType: 'image/jpeg',
	buffer: randomBytes(4096)
});

/** Random bytes just over `megabytes`, dressed as a JPEG: large, and not an image. */
export const oversized = (name: string, megabytes = 1): FilePayload => ({
	name,
	mimeType: 'image/jpeg',
	buffer: randomBytes(Math.round(megabytes * 1024 * 1024) + 10_000)
});

/** The Continue Task section of an import's results (bulk images, bulk card issuing). */
export class ContinuePage {
	readonly section: Locator;
	readonly continueButton: Locator;
	readonly backButton: Locator;
	readonly imagesInput: Locator;
	readonly folderInput: Locator;
	readonly dropZone: Locator;
	readonly progress: Locator;
	readonly imageReport: Locator;
	readonly issueButton: Locator;
	readonly issueSummary: Locator;
	readonly printLink: Locator;

	constructor(readonly page: Page) {
		this.section = page.getByRole('region', { name: 'Continue Task' });
		this.continueButton = this.section.getByRole('button', { name: 'Continue', exact: true });
		this.backButton = this.section.getByRole('button', { name: 'Back to results' });
		this.imagesInput = page.getByLabel('User images', { exact: true });
		this.folderInput = page.getByLabel('User image folder', { exact: true });
		this.dropZone = page.getByRole('group', { name: 'Drop images or a folder of images here' });
		this.progress = page.getByRole('progressbar', { name: 'Image upload progress' });
		this.imageReport = page.getByRole('region', { name: 'Image report' });
		this.issueButton = page.getByRole('button', { name: 'Issue cards', exact: true });
		this.issueSummary = page.getByRole('region', { name: 'Issue summary' });
		this.printLink = this.section.getByRole('link', { name: 'Print cards' });
	}

	/** A figure of a report, e.g. `Matched: 3`. */
	figure(report: Locator, label: string, value: number): Locator {
		return report.getByText(`${label}: ${value}`, { exact: true });
	}

	/** Waits until an upload of `total` files has been handled. */
	async uploaded(total: number): Promise<void> {
		await expect(this.progress).toHaveJSProperty('max', total);
		await expect(this.progress).toHaveJSProperty('value', total);
		await expect(this.imageReport).toBeVisible();
	}

	async expectImageReport(figures: {
		matched: number;
		replaced: number;
		unmatched: number;
		rejected: number;
	}): Promise<void> {
		await expect(this.figure(this.imageReport, 'Matched', figures.matched)).toBeVisible();
		await expect(this.figure(this.imageReport, 'Replaced', figures.replaced)).toBeVisible();
		await expect(this.figure(this.imageReport, 'Unmatched', figures.unmatched)).toBeVisible();
		await expect(this.figure(this.imageReport, 'Rejected', figures.rejected)).toBeVisible();
	}

	get unmatchedFiles(): Locator {
		return this.imageReport.getByRole('list', { name: 'Files with no user of this import' });
	}

	get rejectedFiles(): Locator {
		return this.imageReport.getByRole('list', { name: 'Files not used' });
	}

	/** Drops files on the drop zone the way a browser does (a drop event carrying them). */
	async drop(files: FilePayload[]): Promise<void> {
		const transfer = await this.page.evaluateHandle(
			(files) => {
				const data = new DataTransfer();
				for (const f of files) {
					data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
				}
				return data;
			},
			files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] }))
		);
		await this.dropZone.dispatchEvent('dragenter', { dataTransfer: transfer });
		await this.dropZone.dispatchEvent('drop', { dataTransfer: transfer });
	}

	async issue(): Promise<void> {
		await expect(this.issueButton).toBeEnabled();
		await this.issueButton.click();
	}

	async expectIssued(issued: number, alreadyIssued: number, withoutCard: number): Promise<void> {
		await expect(this.figure(this.issueSummary, 'Issued', issued)).toBeVisible();
		await expect(this.figure(this.issueSummary, 'Already issued', alreadyIssued)).toBeVisible();
		await expect(
			this.figure(this.issueSummary, 'Without a card number', withoutCard)
		).toBeVisible();
	}

	get usersWithoutCard(): Locator {
		return this.issueSummary.getByRole('list', { name: /no card number/ });
	}
}

/** The print view at /print: one `article` per card face. */
export class PrintPage {
	readonly sheet: Locator;
	readonly faces: Locator;
	readonly printButton: Locator;

	constructor(readonly page: Page) {
		this.sheet = page.getByRole('region', { name: 'Cards to print' });
		this.faces = this.sheet.getByRole('article');
		this.printButton = page.getByRole('button', { name: 'Print', exact: true });
	}

	face(name: string): Locator {
		return this.sheet.getByRole('article', { name: `Card of ${name}` });
	}
}

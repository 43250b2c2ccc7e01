import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(process.cwd(), 'tests/fixtures/public');
export const fixture = (name: string) => join(FIXTURES, name);

export interface FixtureExpectation {
	settings: {
		delimiter?: string;
		dateFormat?: string;
		encoding?: string;
		cardIdType?: 'Decimal' | 'Hexadecimal';
		headerRow?: number;
	};
	succeeded: number;
	failed: number;
	asDecimal?: { succeeded: number; failed: number };
}

export const EXPECTED = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<
	string,
	FixtureExpectation
>;

export const FIELD_LABELS = [
	'User ID',
	'Name',
	'Email',
	'Phone',
	'User type',
	'Department',
	'Title',
	'Image file name',
	'Card ID',
	'Card format',
	'Facility code',
	'Card number',
	'Card start date',
	'Card end date'
] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

/** The import wizard at /import, found by role and accessible name as an admin finds it. */
export class ImportPage {
	readonly fileInput: Locator;
	readonly stepper: Locator;
	readonly importButton: Locator;
	readonly preview: Locator;
	readonly progress: Locator;
	readonly completeButton: Locator;

	constructor(readonly page: Page) {
		this.fileInput = page.getByLabel('CSV file', { exact: true });
		this.stepper = page.getByRole('navigation', { name: 'Import steps' });
		this.importButton = page.getByRole('button', { name: 'Import', exact: true });
		this.preview = page.getByRole('table', { name: 'Preview' });
		this.progress = page.getByRole('progressbar', { name: 'Import progress' });
		this.completeButton = page.getByRole('button', { name: 'Complete', exact: true });
	}

	async open(): Promise<void> {
		await this.page.goto('/import');
		await expect(this.page.getByRole('heading', { level: 1, name: 'Import users' })).toBeVisible();
		await expect(this.currentStep).toBeVisible();
	}

	get currentStep(): Locator {
		return this.stepper.locator('[aria-current="step"]');
	}

	/** `timeout` for a step reached only when a run ends, which a loaded machine slows. */
	async expectStep(label: string, timeout?: number): Promise<void> {
		await expect(this.currentStep).toContainText(label, { timeout });
	}

	/** Chooses a file and waits for Configure with its preview and dry run. */
	async upload(path: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
		await this.fileInput.setInputFiles(path);
		await this.expectStep('Configure Data');
		await this.settled();
	}

	/** Waits until the engine has answered every change (the preview is not busy). */
	async settled(): Promise<void> {
		await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
		await expect(this.page.getByText('data rows: this import will create')).toBeVisible();
	}

	select(label: string): Locator {
		return this.page.getByLabel(label, { exact: true });
	}

	mapping(field: FieldLabel): Locator {
		return this.page.getByRole('combobox', { name: field, exact: true });
	}

	radio(group: 'Overwrite user data' | 'Card ID type' | 'Card format', option: string): Locator {
		return this.page
			.getByRole('group', { name: group })
			.getByRole('radio', { name: option, exact: true });
	}

	/** The header name a field is mapped to, or 'None'. */
	async mappedHeader(field: FieldLabel): Promise<string> {
		return (await this.mapping(field).locator('option:checked').textContent())?.trim() ?? '';
	}

	/** Applies the settings expected.json names for a fixture. */
	async apply(settings: FixtureExpectation['settings']): Promise<void> {
		if (settings.encoding) await this.select('Encoding').selectOption(settings.encoding);
		if (settings.delimiter) await this.select('Delimiter').selectOption(settings.delimiter);
		if (settings.headerRow) await this.select('Header row').fill(String(settings.headerRow));
		if (settings.dateFormat) await this.select('Date format').selectOption(settings.dateFormat);
		if (settings.cardIdType) await this.radio('Card ID type', settings.cardIdType).check();
		await this.settled();
	}

	/** Starts the import and waits for the results. */
	async importAndWait(): Promise<void> {
		await expect(this.importButton).toBeEnabled();
		await this.importButton.click();
		await this.expectStep('See Results');
	}

	succeeded(count: number): Locator {
		return this.page.getByText(`Succeeded: ${count}`, { exact: true });
	}

	failed(count: number): Locator {
		return this.page.getByText(`Failed: ${count}`, { exact: true });
	}

	async expectCounts(succeeded: number, failed: number): Promise<void> {
		await expect(this.succeeded(succeeded)).toBeVisible();
		await expect(this.failed(failed)).toBeVisible();
	}

	async download(kind: 'succeeded' | 'failed'): Promise<{ download: Download; text: string }> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: `Download ${kind} results` }).click()
		]);
		const path = await download.path();
		return { download, text: readFileSync(path, 'utf8') };
	}

	/** Complete, confirmed in the dialog; back to Upload. */
	async complete(): Promise<void> {
		await this.completeButton.click();
		const dialog = this.page.getByRole('dialog', { name: 'Complete this import?' });
		await expect(dialog).toContainText("can't be downloaded afterwards");
		await dialog.getByRole('button', { name: 'Delete results and complete' }).click();
		await this.expectStep('Upload CSV File');
	}

	/** Undo import, confirmed in its dialog. */
	async undo(): Promise<void> {
		await this.page.getByRole('button', { name: 'Undo import' }).click();
		await this.page
			.getByRole('dialog', { name: 'Undo this import?' })
			.getByRole('button', { name: 'Undo the import' })
			.click();
	}
}

/** A CSV of `rows` valid users with cards, small enough per row to stay under 5 MB. */
export function generatedCsv(rows: number, firstId = 100000): Buffer {
	const lines = ['User ID,Name,Card ID'];
	for (let i = 0; i < rows; i += 1) {
		const id = firstId + i;
		lines.push(`${id},Person ${id},${70000000 + i}`);
	}
	return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Parses an RFC 4180 CSV (quoted cells, doubled quotes, newlines inside quotes); drops a BOM. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const body = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < body.length; i += 1) {
		const ch = body[i];
		if (quoted) {
			if (ch === '"' && body[i + 1] === '"') {
				cell += '"';
				i += 1;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && body[i + 1] === '\n') i += 1;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

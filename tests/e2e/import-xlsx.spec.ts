import { expect, test } from './site';
import { ImportPage, parseCsv } from './pages/import';
import {
	longCard,
	NUMBER_PAST_2_53,
	twoSheetWorkbook,
	workbookBytes,
	XLSX_TYPE
} from '../../src/lib/import/testing/workbooks';

const USERS = 30;

test('an .xlsx with two sheets: the admin picks the second, imports, and long card numbers stay whole', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.fileInput.setInputFiles({
		name: 'site-users.xlsx',
		mimeType: XLSX_TYPE,
		buffer: await twoSheetWorkbook(USERS)
	});
	await wizard.expectStep('Configure Data');

	// A workbook has no encoding or delimiter to choose; it has sheets.
	const reading = page.getByRole('group', { name: 'Reading the file' });
	await expect(reading.getByLabel('Encoding', { exact: true })).toHaveCount(0);
	await expect(reading.getByLabel('Delimiter', { exact: true })).toHaveCount(0);
	const sheet = wizard.select('Sheet');
	await expect(sheet).toHaveValue('Notes');
	await expect(sheet.getByRole('option')).toHaveText([
		'Notes (3 rows)',
		`People (${USERS + 1} rows)`
	]);

	await sheet.selectOption('People');
	await wizard.settled();
	expect(await wizard.mappedHeader('User ID')).toBe('User ID');
	expect(await wizard.mappedHeader('Card ID')).toBe('Card ID');
	expect(await wizard.mappedHeader('Card start date')).toBe('Card start date');
	// Typed as a number (odd rows) or as text (even rows), the 16 digits read the same; the date
	// cell is a date, whatever the Date format setting says.
	await expect(wizard.preview.getByRole('cell', { name: longCard(1), exact: true })).toBeVisible();
	await expect(wizard.preview.getByRole('cell', { name: longCard(2), exact: true })).toBeVisible();
	await expect(wizard.preview.getByRole('cell', { name: '2026-01-31' }).first()).toBeVisible();
	await expect(
		page.getByText(`${USERS} data rows: this import will create ${USERS}`)
	).toBeVisible();

	await wizard.importAndWait();
	await wizard.expectCounts(USERS, 0);

	const { text } = await wizard.download('succeeded');
	const [header, ...rows] = parseCsv(text);
	const card = header?.indexOf('Card ID') ?? -1;
	expect(rows.map((row) => row[card])).toEqual(
		Array.from({ length: USERS }, (_, i) => longCard(i + 1))
	);
	expect(errors).toEqual([]);
});

test('a workbook with one sheet says so instead of offering a choice', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'one.xlsx',
		mimeType: XLSX_TYPE,
		buffer: await workbookBytes([
			{
				sheet: 'Staff',
				data: [
					['User ID', 'Name', 'Card ID'],
					['S1', 'Ana Lee', NUMBER_PAST_2_53]
				]
			}
		])
	});
	await expect(page.getByText('Excel workbook — sheet Staff')).toBeVisible();
	await expect(wizard.select('Sheet')).toHaveCount(0);
	await expect(page.getByRole('note', { name: 'Numbers that lost digits' })).toContainText(
		'C2 (12345678901234567000)'
	);
});

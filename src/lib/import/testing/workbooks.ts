/**
 * Real .xlsx files for the tests, written at test time by write-excel-file (the sibling of the
 * reader the app uses, but its own code: a file it writes is a workbook as Excel would save it).
 * Shared by the unit tests and the browser tests.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetSpec {
	sheet: string;
	data: SheetData;
}

/** An .xlsx of the given sheets, in order; dates show as `dd/mm/yyyy` unless a cell says otherwise. */
export async function workbookBytes(sheets: SheetSpec[]): Promise<Buffer> {
	return writeExcelFile(sheets.map((sheet) => ({ ...sheet, dateFormat: 'dd/mm/yyyy' }))).toBuffer();
}

/** A formula's result as Excel caches it in the file: a number, or text (`str`). */
export interface FormulaValue {
	formula: string;
	value: string;
	type?: 'str';
}

/**
 * Gives each formula its computed value, as Excel saves it (write-excel-file leaves formulas for
 * the spreadsheet application to compute).
 */
export function withFormulaValues(xlsx: Uint8Array, values: FormulaValue[]): Uint8Array {
	const parts = unzipSync(xlsx);
	for (const [name, bytes] of Object.entries(parts)) {
		if (!name.startsWith('xl/worksheets/') || !name.endsWith('.xml')) continue;
		let xml = strFromU8(bytes);
		for (const { formula, value, type } of values) {
			const cell = `><f>${escapeXml(formula)}</f></c>`;
			const typed = type ? ` t="${type}"` : '';
			xml = xml.replaceAll(
				cell,
				`${typed}><f>${escapeXml(formula.replace(/^=/, ''))}</f><v>${escapeXml(value)}</v></c>`
			);
		}
		parts[name] = strToU8(xml);
	}
	return zipSync(parts);
}

/** Text content as the writer escapes it (quotes stay as they are outside attributes). */
const escapeXml = (text: string): string =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export const PEOPLE_HEADER = [
	'User ID',
	'Name',
	'Email',
	'Card ID',
	'Card start date',
	'Card end date'
];

/**
 * The browser test's workbook: a first sheet of notes that is not the users, and a second sheet
 * `People` of `count` users whose card numbers are 16 digits, half typed as text and half as
 * numbers, with validity dates as date cells.
 */
export async function twoSheetWorkbook(count: number): Promise<Buffer> {
	const people: SheetData = [PEOPLE_HEADER];
	for (let i = 1; i <= count; i += 1) {
		const card = longCard(i);
		people.push([
			`X${i}`,
			`Sheet Person ${i}`,
			`sheet${i}@example.org`,
			i % 2 === 0 ? { value: card, type: String, format: '@' } : Number(card),
			new Date(Date.UTC(2026, 0, 31)),
			new Date(Date.UTC(2027, 11, 31))
		]);
	}
	return workbookBytes([
		{
			sheet: 'Notes',
			data: [['Exported from the old system'], ['Do not edit'], ['Owner', 'Facilities']]
		},
		{ sheet: 'People', data: people }
	]);
}

/**
 * A 20-digit number typed into a number cell: the workbook keeps it as a float, so it reads back
 * as 12345678901234567000 (written from text, since the literal itself loses the digits).
 */
export const NUMBER_PAST_2_53 = Number('12345678901234567890');

/** A 16-digit card number (under 2^53, so a number cell holds it exactly). */
export function longCard(i: number): string {
	return String(4_000_000_000_000_000 + i);
}

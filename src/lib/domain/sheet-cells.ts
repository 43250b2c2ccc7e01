/**
 * A workbook sheet as the CSV path's records: each cell becomes the text the admin sees in Excel,
 * so the import judges an .xlsx row exactly as it would judge the same row saved as CSV
 * (docs/architecture.md, "Excel workbooks").
 */

/** A numeric cell, as the workbook's XML writes it (never through a float, which loses digits). */
export interface ExcelNumber {
	excelNumber: string;
}

/** A cell as the reader gives it: text, number, boolean, date, or empty. */
export type SheetCell = string | boolean | Date | ExcelNumber | null | undefined;

/** A number cell whose digits the workbook itself may have lost (beyond a float's precision). */
export interface LossyNumber {
	/** 1-based, as the spreadsheet numbers rows. */
	row: number;
	/** The column's letters (A, B, …, AA). */
	column: string;
	text: string;
}

export interface SheetRows {
	rows: string[][];
	/** The first few lossy numbers of the sheet, and how many there are in all. */
	lossyNumbers: LossyNumber[];
	lossyNumberCount: number;
}

/** Past 2^53 a float no longer holds every integer: such a number's last digits are not the typed ones. */
const MAX_EXACT_INTEGER = 2n ** 53n;
const LOSSY_EXAMPLES = 3;
/** Excel shows (and keeps) 15 significant digits. */
const EXCEL_DIGITS = 15;

export function isExcelNumber(value: unknown): value is ExcelNumber {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Partial<ExcelNumber>).excelNumber === 'string'
	);
}

/**
 * A number's text in plain digits: `1.5E+20` → `150000000000000000000`, `1234567890123456` as
 * written. An integer keeps every digit the file holds; a fraction is cut to the 15 significant
 * digits Excel shows (`0.30000000000000004` → `0.3`).
 */
export function plainNumber(text: string): string {
	const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return text.trim();
	const sign = match[1] === '-' ? '-' : '';
	const whole = match[2] ?? '';
	const fraction = match[3] ?? '';
	const exponent = Number(match[4] ?? 0);
	const digits = `${whole}${fraction}`;
	const point = whole.length + exponent;
	let integer: string;
	let decimals: string;
	if (point <= 0) {
		integer = '0';
		decimals = `${'0'.repeat(-point)}${digits}`;
	} else if (point >= digits.length) {
		integer = `${digits}${'0'.repeat(point - digits.length)}`;
		decimals = '';
	} else {
		integer = digits.slice(0, point);
		decimals = digits.slice(point);
	}
	integer = integer.replace(/^0+(?=\d)/, '');
	decimals = decimals.replace(/0+$/, '');
	if (decimals === '') return integer === '0' ? '0' : `${sign}${integer}`;
	const shown = String(Number(`${integer}.${decimals}`).toPrecision(EXCEL_DIGITS));
	return `${sign}${trimFraction(shown)}`;
}

function trimFraction(text: string): string {
	if (!text.includes('.') || /e/i.test(text)) return text;
	return text.replace(/\.?0+$/, '');
}

/** True when a number's integer part is past 2^53 (its last digits are not the ones typed). */
export function isLossyNumber(plain: string): boolean {
	const integer = /^-?(\d+)/.exec(plain)?.[1];
	// 2^53 has 16 digits: anything shorter is exact, and most cells are (no BigInt for them).
	return integer !== undefined && integer.length >= 16 && BigInt(integer) > MAX_EXACT_INTEGER;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date cell as ISO text, which every Date format setting accepts: `2026-01-31`, or
 * `2026-01-31 08:30:00` when it has a time of day, or just the time for a time-only cell
 * (Excel's day 0). The reader gives the cell's wall-clock value in UTC.
 */
export function isoDateText(date: Date): string {
	const time = new Date(Math.round(date.getTime() / 1000) * 1000);
	const day = `${pad(time.getUTCFullYear(), 4)}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}`;
	const clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;
	if (time.getUTCFullYear() < 1900) return clock;
	return clock === '00:00:00' ? day : `${day} ${clock}`;
}

/** One cell as the admin sees it in Excel. */
export function cellText(cell: SheetCell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'string') return cell;
	if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
	if (cell instanceof Date) return isoDateText(cell);
	return plainNumber(cell.excelNumber);
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

/**
 * A sheet's rows as text records, row for row (blank rows stay, so row numbers match Excel's;
 * a merged range's value is in its first cell, the others are blank, as Excel shows it).
 */
export function sheetRows(data: readonly (readonly SheetCell[])[]): SheetRows {
	const lossyNumbers: LossyNumber[] = [];
	let lossyNumberCount = 0;
	const rows = data.map((cells, r) =>
		cells.map((cell, c) => {
			const text = cellText(cell);
			if (isExcelNumber(cell) && isLossyNumber(text)) {
				lossyNumberCount += 1;
				if (lossyNumbers.length < LOSSY_EXAMPLES) {
					lossyNumbers.push({ row: r + 1, column: columnLetters(c), text });
				}
			}
			return text;
		})
	);
	return { rows, lossyNumbers, lossyNumberCount };
}

/** True when a sheet has at least one cell that is not blank. */
export function hasContent(rows: readonly (readonly string[])[]): boolean {
	return rows.some((row) => row.some((cell) => cell.trim() !== ''));
}

/**
 * What Configure says about numbers past 2^53: their last digits are what the workbook stored,
 * not what was typed, and how to keep them next time.
 */
export function lossyNumberWarning(sheet: SheetRows): string | null {
	const first = sheet.lossyNumbers[0];
	if (!first) return null;
	const where = sheet.lossyNumbers.map((n) => `${n.column}${n.row} (${n.text})`).join(', ');
	const more =
		sheet.lossyNumberCount > sheet.lossyNumbers.length
			? ` and ${(sheet.lossyNumberCount - sheet.lossyNumbers.length).toLocaleString('en')} more`
			: '';
	return `${sheet.lossyNumberCount === 1 ? 'A cell holds a number' : `${sheet.lossyNumberCount.toLocaleString('en')} cells hold numbers`} too long to be stored exactly: ${where}${more}. A workbook keeps numbers as floating point, so past 2^53 (16 digits) the last digits are not the ones typed. If these are card numbers or IDs, format the column as Text in Excel, type the numbers again and save; the import takes the digits as they are now.`;
}

/** The sheet an import starts from: the first with any content (a cover sheet may be blank). */
export function defaultSheet<T extends { rows: readonly (readonly string[])[] }>(
	sheets: readonly T[]
): T | undefined {
	return sheets.find((sheet) => hasContent(sheet.rows)) ?? sheets[0];
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from './dates';
import {
	cellText,
	columnLetters,
	defaultSheet,
	isoDateText,
	lossyNumberWarning,
	plainNumber,
	sheetRows
} from './sheet-cells';

const num = (excelNumber: string) => ({ excelNumber });

describe('plainNumber', () => {
	it('keeps every digit of an integer, never 1.23457E+15', () => {
		expect(plainNumber('1234567890123456')).toBe('1234567890123456');
		expect(plainNumber('12345678901234567890')).toBe('12345678901234567890');
		expect(plainNumber('-3')).toBe('-3');
		expect(plainNumber('0')).toBe('0');
	});
	it('writes exponent notation out in digits', () => {
		expect(plainNumber('1.5E+20')).toBe('150000000000000000000');
		expect(plainNumber('1.23456789012345E+15')).toBe('1234567890123450');
		expect(plainNumber('4E3')).toBe('4000');
		expect(plainNumber('1E-3')).toBe('0.001');
	});
	it('shows a fraction with the 15 digits Excel shows', () => {
		expect(plainNumber('0.1')).toBe('0.1');
		expect(plainNumber('0.30000000000000004')).toBe('0.3');
		expect(plainNumber('12.50')).toBe('12.5');
		expect(plainNumber('-2.25')).toBe('-2.25');
	});
	it('is the integer itself for every safe integer', () => {
		fc.assert(
			fc.property(fc.maxSafeInteger(), (n) => {
				expect(plainNumber(String(n))).toBe(String(n));
				expect(plainNumber(n.toExponential())).toBe(String(n));
			})
		);
	});
});

describe('cellText', () => {
	it('gives each kind of cell as Excel shows it', () => {
		expect(cellText(null)).toBe('');
		expect(cellText(undefined)).toBe('');
		expect(cellText(' Ana ')).toBe(' Ana ');
		expect(cellText('0012')).toBe('0012');
		expect(cellText(true)).toBe('TRUE');
		expect(cellText(false)).toBe('FALSE');
		expect(cellText(num('4000001'))).toBe('4000001');
	});
	it('gives a date as ISO text, which every Date format setting accepts', () => {
		const date = cellText(new Date(Date.UTC(2026, 0, 31)));
		expect(date).toBe('2026-01-31');
		for (const format of ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const) {
			const parsed = parseDate(date, format);
			expect(parsed.ok && parsed.value).toBe('2026-01-31');
		}
	});
	it('keeps a time of day, and a time-only cell as its time', () => {
		expect(isoDateText(new Date(Date.UTC(2026, 5, 1, 13, 30)))).toBe('2026-06-01 13:30:00');
		// 13:30 stored as a fraction of a day comes back a millisecond off.
		expect(isoDateText(new Date(Date.UTC(2026, 5, 1, 13, 29, 59, 999)))).toBe(
			'2026-06-01 13:30:00'
		);
		expect(isoDateText(new Date(Date.UTC(1899, 11, 30, 8, 15)))).toBe('08:15:00');
	});
});

describe('sheetRows', () => {
	it('keeps blank rows and columns so row and column numbers stay Excel’s', () => {
		const sheet = sheetRows([
			[null, 'User ID', 'Card ID'],
			[null, null, null],
			[null, 'u1', num('1234567890123456')]
		]);
		expect(sheet.rows).toEqual([
			['', 'User ID', 'Card ID'],
			['', '', ''],
			['', 'u1', '1234567890123456']
		]);
		expect(sheet.lossyNumberCount).toBe(0);
		expect(lossyNumberWarning(sheet)).toBeNull();
	});
	it('names the numbers past 2^53 and how to keep their digits', () => {
		const sheet = sheetRows([
			['Card ID'],
			[num('9007199254740992')],
			[num('9007199254740993')],
			[num('1.2345678901234567E+19')],
			['12345678901234567890'],
			[num('-99999999999999999')],
			[num('99999999999999999')],
			[num('99999999999999999')]
		]);
		// Text cells keep their digits; 2^53 itself is still exact.
		expect(sheet.lossyNumberCount).toBe(5);
		expect(sheet.lossyNumbers).toEqual([
			{ row: 3, column: 'A', text: '9007199254740993' },
			{ row: 4, column: 'A', text: '12345678901234567000' },
			{ row: 6, column: 'A', text: '-99999999999999999' }
		]);
		const warning = lossyNumberWarning(sheet) ?? '';
		expect(warning).toContain('A3 (9007199254740993)');
		expect(warning).toContain('and 2 more');
		expect(warning).toContain('format the column as Text');
	});
});

describe('columnLetters and defaultSheet', () => {
	it('letters columns as Excel does', () => {
		expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual([
			'A',
			'Z',
			'AA',
			'AB',
			'ZZ',
			'AAA'
		]);
	});
	it('starts from the first sheet that has content', () => {
		const blank = { name: 'Cover', rows: [['', ' ']] };
		const people = { name: 'People', rows: [['User ID']] };
		expect(defaultSheet([blank, people])?.name).toBe('People');
		expect(defaultSheet([blank])?.name).toBe('Cover');
		expect(defaultSheet([])).toBeUndefined();
	});
});

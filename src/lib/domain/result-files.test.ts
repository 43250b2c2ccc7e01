import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from './fields';
import type { CardNumber, IsoDate, User, UserId } from './model';
import {
	CSV_BOM,
	csvLine,
	displayUserValues,
	displayValues,
	escapeFormula,
	failedHeaderLine,
	failedLines,
	joinErrors,
	succeededHeaderLine,
	succeededLines
} from './result-files';
import { templateCsv } from './template';
import { unescapeFormula } from './formula';

const parse = (text: string, delimiter = ',') =>
	Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;

describe('escapeFormula', () => {
	it('prefixes a quote to cells a spreadsheet would run', () => {
		for (const c of ['=1+1', '+1 555', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', ' =x', '＝x']) {
			expect(escapeFormula(c)).toBe(`'${c}`);
		}
		for (const c of ['', 'Ana', "'=x", '1-2']) expect(escapeFormula(c)).toBe(c);
	});
});

describe('csvLine', () => {
	it('quotes every cell, doubles quotes, ends in CRLF', () => {
		expect(csvLine(['a', 'b "c"', 'd,e', 'f\ng'])).toBe('"a","b ""c""","d,e","f\ng"\r\n');
		expect(csvLine(['a', 'b'], ';')).toBe('"a";"b"\r\n');
		expect(csvLine(['=HYPERLINK("x")'])).toBe('"\'=HYPERLINK(""x"")"\r\n');
	});

	it('parses back to the same cells (modulo the formula prefix)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 8 }),
				fc.constantFrom(',', ';', '\t', '|'),
				(cells, delimiter) => {
					const [back] = parse(csvLine(cells, delimiter), delimiter);
					expect(back?.map(unescapeFormula)).toEqual(
						cells.map((c) => unescapeFormula(escapeFormula(c)))
					);
					expect(back).toEqual(cells.map(escapeFormula));
				}
			)
		);
	});

	it('never lets an exported cell start a formula', () => {
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 8 }),
				(cells) => {
					for (const cell of parse(csvLine(cells))[0] ?? []) {
						expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
					}
				}
			)
		);
	});
});

describe('succeeded file', () => {
	it('has Row, Result, then the labels, then Cards, and one line per record', () => {
		const text =
			CSV_BOM +
			succeededHeaderLine(['userId', 'name', 'phone']) +
			succeededLines([
				{
					row: 2,
					result: 'created',
					values: ['6001', 'Ana', '+1 555'],
					cards: { created: 2, updated: 0, kept: 1 }
				}
			]) +
			succeededLines([{ row: 13, result: 'kept', values: ['6012', '=HYPERLINK(1)', ''] }]);
		expect(text).toBe(
			'\uFEFF"Row","Result","User ID","Name","Phone","Cards"\r\n"2","created","6001","Ana","\'+1 555","2 created, 1 kept"\r\n"13","kept","6012","\'=HYPERLINK(1)","",""\r\n'
		);
	});

	it('displays a validated row and a stored user by field', () => {
		const card = {
			number: '65296' as CardNumber,
			enteredAs: { type: 'hexadecimal' as const, digits: 'FF10' },
			validFrom: '2026-01-01' as IsoDate,
			validTo: '2026-12-31' as IsoDate
		};
		expect(
			displayValues(
				{
					userId: 'u1' as UserId,
					name: 'Ana',
					email: null,
					phone: null,
					phoneDigits: null,
					userType: null,
					department: 'X',
					title: null,
					imageFile: 'Ana.PNG',
					cards: [card, { ...card, number: '7' as CardNumber, enteredAs: undefined }]
				},
				FIELD_KEYS
			)
		).toEqual([
			'u1',
			'Ana',
			'',
			'',
			'',
			'X',
			'',
			'Ana.PNG',
			'FF10/7',
			'CSN',
			'',
			'',
			'2026-01-01',
			'2026-12-31'
		]);
		const user: User = {
			id: 'u1' as UserId,
			name: 'Ana',
			userType: 'Employee',
			createdAt: 1,
			updatedAt: 1
		};
		expect(displayUserValues(user, [], ['userId', 'userType', 'cardId'])).toEqual([
			'u1',
			'Employee',
			''
		]);
	});
});

describe('failed file', () => {
	it('escapes the original cells that would run, whatever hides their start', () => {
		const text = failedLines(
			[{ row: 2, cells: [' =1+1', '\u3000=1+1', '＝1+1', '\u200b=1+1'], error: 'x' }],
			4
		);
		expect(parse(text)[0]).toEqual(["' =1+1", "'\u3000=1+1", "'＝1+1", "'\u200b=1+1", '2', 'x']);
	});

	it('keeps the original header and cells, then Row and Error; pads short rows', () => {
		const text =
			failedHeaderLine(['User ID', 'Name', 'Email']) +
			failedLines(
				[
					{
						row: 3,
						cells: ['6002', 'Bad Email', 'bob@'],
						error: 'Email "bob@" is not a valid address'
					},
					{
						row: 20,
						cells: ['6019', 'Multi\nLine'],
						error: joinErrors([{ message: 'a' }, { message: 'b' }])
					}
				],
				3
			);
		expect(parse(text).slice(0, 3)).toEqual([
			['User ID', 'Name', 'Email', 'Row', 'Error'],
			['6002', 'Bad Email', 'bob@', '3', 'Email "bob@" is not a valid address'],
			['6019', 'Multi\nLine', '', '20', 'a; b']
		]);
	});
});

describe('templateCsv', () => {
	it('is BOM + labels + one example row that is itself valid', () => {
		const text = templateCsv();
		expect(text.startsWith(CSV_BOM)).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parse(text.slice(1).trimEnd());
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual([
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
		]);
		for (const cell of rows[1] ?? []) expect(cell.startsWith("'")).toBe(false);
	});
});

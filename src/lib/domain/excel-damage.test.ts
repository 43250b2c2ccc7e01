import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCardNumber } from './card-number';
import { isScientificNotation } from './excel-damage';
import { parseUserId } from './field-rules';
import { DigitWidthTally, leadingZeroWarning } from './leading-zeros';

const problem = (r: { ok: boolean; errors?: string[] }) => (r.ok ? 'ok' : r.errors![0]);

describe('scientific notation written by Excel', () => {
	it('recognises Excel’s forms, in English and European Excel, and no hexadecimal number', () => {
		for (const cell of [
			'1.23457E+15',
			'1.23457e+15',
			'1,23457E+15',
			'1E+15',
			'9.99E-01',
			' 4.5E+18 '
		]) {
			expect(isScientificNotation(cell), cell).toBe(true);
		}
		for (const cell of ['1E15', '12345', '1A2B3C', 'E+15', '1.5', '1.2.3E+4', '1.23457E+']) {
			expect(isScientificNotation(cell), cell).toBe(false);
		}
	});

	it('fails a User ID or a card cell saying the digits are lost and how to keep them', () => {
		const userId = problem(parseUserId('1.23457E+15'));
		expect(userId).toContain(
			'User ID "1.23457E+15" is a number Excel rewrote in scientific notation'
		);
		expect(userId).toContain('cannot be recovered from this file');
		expect(userId).toContain('format the column as Text in Excel before saving the CSV');
		expect(userId).toContain('import the .xlsx workbook');
		for (const type of ['decimal', 'hexadecimal'] as const) {
			expect(problem(parseCardNumber('1,23457E+15', type))).toMatch(
				/^Card ID "1,23457E\+15" is a number Excel rewrote in scientific notation/
			);
		}
		// A real hexadecimal card with an E in it is read as before.
		expect(parseCardNumber('1E15', 'hexadecimal')).toEqual({ ok: true, value: String(0x1e15) });
	});

	it('property: every number Excel would show in scientific notation is told apart', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 10n ** 11n, max: 10n ** 19n }), fc.boolean(), (n, comma) => {
				const shown = Number(n).toExponential(5).toUpperCase(); // 1.23457E+15, as Excel shows it
				const cell = comma ? shown.replace('.', ',') : shown;
				expect(problem(parseUserId(cell))).toContain('Excel rewrote');
			})
		);
	});
});

describe('lost leading zeros', () => {
	const warn = (cells: string[]) => {
		const tally = new DigitWidthTally();
		cells.forEach((cell, i) => tally.add(cell, i + 2));
		return leadingZeroWarning('User ID', tally);
	};

	it('warns when some all-digit IDs are shorter than the width most of them have', () => {
		const ids = ['20240001', '20240002', '1234567', '20240004', '20240005', '20240006', '20240007'];
		expect(warn(ids)).toBe(
			'User ID: 1 of 7 values has fewer than the 8 digits most have (the first, "1234567", on row 4). Excel drops leading zeros when it opens a CSV, so "01234567" is saved as "1234567" and becomes another User ID. If these values began with 0, format the column as Text in Excel before saving the CSV (or import the .xlsx workbook instead), then import the file again.'
		);
		expect(
			warn(['00000101', '00000102', '103', '104', '00000105', '00000106', '00000107'])
		).toContain('2 of 7 values have fewer than the 8 digits');
	});

	it('stays silent for numbered IDs, mixed widths, few values and IDs that are not all digits', () => {
		expect(warn(Array.from({ length: 300 }, (_, i) => String(i + 1)))).toBeNull();
		expect(warn(['20240001', '20240002', '20240003', '20240004', '20240005'])).toBeNull();
		expect(warn(['20240001', '20240002', '1234567', '20240004'])).toBeNull();
		expect(
			warn(['A1234567', 'A1234568', 'A123456', 'A1234569', 'A1234570', 'A1234571'])
		).toBeNull();
		expect(warn(['1234567', '12345678', '123456', '1234567890', '12345', '123456789'])).toBeNull();
	});
});

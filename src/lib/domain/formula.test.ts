import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeFormula, startsFormula, unescapeFormula } from './formula';
import { csvLine } from './result-files';

/** What a spreadsheet passes over before it looks for `=`: spaces, invisible characters, controls. */
const SKIPPED = [
	' ',
	'\u00a0',
	'\u1680',
	'\u2000',
	'\u2007',
	'\u200a',
	'\u202f',
	'\u205f',
	'\u3000',
	'\u2028',
	'\u2029',
	'\u200b',
	'\u200c',
	'\u200d',
	'\u2060',
	'\ufeff',
	'\u200e',
	'\u200f',
	'\u061c',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u00ad',
	'\u180e',
	'\u034f',
	'\u3164',
	'\u0000',
	'\u0085',
	'\t',
	'\r',
	'\n'
];
/** `=` `+` `-` `@` in the forms a spreadsheet reads as them. */
const STARTS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', '\u2212'];

/**
 * The property's own reading of a cell, written apart from formula.ts: drop what a spreadsheet
 * skips, fold full-width forms, and look at the first character.
 */
function runsAsFormula(cell: string): boolean {
	const visible = cell
		.replace(
			/^(?:[\s\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u061c\u00ad\u180e\u3164\p{Cc}]|\u034f)*/u,
			''
		)
		.normalize('NFKC');
	return /^[=+\-@\u2212]/.test(visible);
}

const trickyCell = fc
	.tuple(
		fc.array(fc.constantFrom(...SKIPPED), { maxLength: 4 }),
		fc.option(fc.constantFrom(...STARTS), { nil: '' }),
		fc.string({ unit: 'binary', maxLength: 12 })
	)
	.map(([skipped, start, rest]) => skipped.join('') + start + rest);

describe('startsFormula', () => {
	it('sees a formula behind spaces, invisible characters and full-width forms', () => {
		for (const cell of [
			'=1+1',
			' =1+1',
			'\u3000=1+1',
			'＝1+1',
			'\u200b=1+1',
			'\ufeff@SUM(A1)',
			'\u202e+1',
			'\u00a0\u200d－5',
			'＠x',
			'\tx',
			'\r',
			'\nx'
		]) {
			expect(startsFormula(cell), JSON.stringify(cell)).toBe(true);
		}
		for (const cell of ['', ' ', 'Ana', '1-2', "'=x", 'a=b', '\u200bAna', 'Zoë 😀', '漢字']) {
			expect(startsFormula(cell), JSON.stringify(cell)).toBe(false);
		}
	});

	it('agrees with a spreadsheet reading of the cell', () => {
		fc.assert(
			fc.property(trickyCell, (cell) => {
				if (runsAsFormula(cell)) expect(startsFormula(cell)).toBe(true);
			})
		);
	});
});

describe('escapeFormula and unescapeFormula', () => {
	it('read back every cell as it was', () => {
		fc.assert(
			fc.property(fc.oneof(trickyCell, fc.string({ unit: 'binary' })), (cell) => {
				if (!cell.startsWith("'")) expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
			})
		);
	});

	it('no exported cell starts a formula unescaped', () => {
		fc.assert(
			fc.property(fc.array(trickyCell, { minLength: 1, maxLength: 6 }), (cells) => {
				const [written] = Papa.parse<string[]>(csvLine(cells), { delimiter: ',' }).data;
				expect(written).toHaveLength(cells.length);
				for (const cell of written ?? []) {
					if (!cell.startsWith("'")) expect(runsAsFormula(cell), JSON.stringify(cell)).toBe(false);
				}
			})
		);
	});
});

/**
 * CSV injection: a cell that starts with `=` `+` `-` `@` tab, CR or LF may run as a formula when
 * the file is opened in a spreadsheet, so every cell Roster writes gets a leading `'` there.
 * Reading undoes exactly that prefix, so a result file Roster wrote can be fixed and imported
 * again unchanged (a phone `+1 555 …` exported as `'+1 555 …` reads back as `+1 555 …`).
 */

const FORMULA_START = /^[=+\-@\t\r\n]/;
const ESCAPED_FORMULA = /^'[=+\-@\t\r\n]/;

export function startsFormula(cell: string): boolean {
	return FORMULA_START.test(cell);
}

/** Prefixes `'` to a cell a spreadsheet could run as a formula. */
export function escapeFormula(cell: string): string {
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Removes the `'` that escapeFormula added; any other text is left as it is. */
export function unescapeFormula(cell: string): string {
	return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/**
 * CSV injection: a cell a spreadsheet may run as a formula gets a leading `'` in every file Roster
 * writes (csvLine in result-files.ts is the one place cells are written).
 *
 * A spreadsheet is not fooled by what the eye skips: it trims leading spaces of any kind
 * (` =1+1`, an ideographic space), ignores invisible characters (zero-width space, bidi controls,
 * a BOM) and, in East Asian locales, reads full-width `＝` `＋` `－` `＠` as their ASCII forms.
 * So a cell starts a formula when its first character after leading whitespace and invisible
 * characters folds (NFKC) to `=` `+` `-` `@` (or is the minus sign U+2212); a cell that starts
 * with tab, CR or LF is escaped as well, as before.
 *
 * Reading undoes exactly that prefix, so a result file Roster wrote can be fixed and imported
 * again unchanged (a phone `+1 555 …` exported as `'+1 555 …` reads back as `+1 555 …`).
 */

/** Whitespace of any kind, invisible (default-ignorable and format) characters, controls. */
const SKIPPED_HEAD = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]*/u;
const FORMULA_CHARACTER = /^[=+\-@\u2212]/;
const LINE_OR_TAB_START = /^[\t\r\n]/;

export function startsFormula(cell: string): boolean {
	if (LINE_OR_TAB_START.test(cell)) return true;
	const skipped = SKIPPED_HEAD.exec(cell)?.[0].length ?? 0;
	const code = cell.codePointAt(skipped);
	if (code === undefined) return false;
	// Plain letters and digits, by far the most cells, need no folding.
	if (code < 0x80) return FORMULA_CHARACTER.test(cell.charAt(skipped));
	const first = String.fromCodePoint(code);
	return FORMULA_CHARACTER.test(first) || FORMULA_CHARACTER.test(first.normalize('NFKC'));
}

/** Prefixes `'` to a cell a spreadsheet could run as a formula. */
export function escapeFormula(cell: string): string {
	return startsFormula(cell) ? `'${cell}` : cell;
}

/** Removes the `'` that escapeFormula added; any other text is left as it is. */
export function unescapeFormula(cell: string): string {
	return cell.startsWith("'") && startsFormula(cell.slice(1)) ? cell.slice(1) : cell;
}

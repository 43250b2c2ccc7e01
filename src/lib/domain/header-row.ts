/**
 * Which row of a file holds the column names. Exports often put a title, a date or a blank line
 * above the header; with Header row left at 1 every field would map to None.
 */
import { FIELD_KEYS } from './fields';
import { autoMap, isFieldMapped } from './mapping';

/** How many of the first rows may be the header. */
export const HEADER_SEARCH_ROWS = 10;

const EMAIL = /@/;
/** A number, a phone, a card ID or a date: data, not a column name. */
const NUMERIC = /^[+(]?[\d\s().:/-]*\d[\d\s().:/-]*$/;

/** True when no filled cell looks like data (an address, a number, a date). */
function looksLikeNames(cells: readonly string[]): boolean {
	const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
	return filled.length > 0 && filled.every((cell) => !EMAIL.test(cell) && !NUMERIC.test(cell));
}

/** How many fields a row names, and whether Name is one of them. */
function mappedFields(cells: readonly string[]): { fields: number; name: boolean } {
	const mapping = autoMap(cells);
	return {
		fields: FIELD_KEYS.filter((key) => isFieldMapped(mapping, key)).length,
		name: isFieldMapped(mapping, 'name')
	};
}

/**
 * The likely header row (1-based): among the first rows whose cells look like names, not data,
 * the one that automaps the most fields; the earliest on a tie. A row below the first must name
 * Name or at least two fields: one word that happens to match a field (a cell "cell" in a title
 * line) is no header. Row 1 when no row qualifies (a file without a header, or with names Roster
 * does not know): the admin then sees every field at None and picks the row.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number {
	let best = { row: 1, fields: 0 };
	rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
		if (!looksLikeNames(cells)) return;
		const { fields, name } = mappedFields(cells);
		const convincing = index === 0 || name || fields >= 2;
		if (convincing && fields > best.fields) best = { row: index + 1, fields };
	});
	return best.row;
}

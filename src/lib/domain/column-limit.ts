import { appError, type AppError } from './errors';
import { fail, ok, type Result } from './result';

/**
 * The most columns a file may have. Roster maps at most a dozen fields, and every real export
 * we know of stays far below this; a file past it is almost always read with the wrong delimiter
 * or is not a table at all, and each column costs a select option per field and a preview cell
 * per row (a 50 000-column file once took over a minute to show Configure).
 */
export const MAX_COLUMNS = 1000;

/** Refuses rows wider than MAX_COLUMNS, naming the widest row and what to do. */
export function checkColumnCount(rows: readonly (readonly string[])[]): Result<void, AppError> {
	let widest = -1;
	rows.forEach((row, index) => {
		if (row.length > MAX_COLUMNS && (widest < 0 || row.length > (rows[widest]?.length ?? 0))) {
			widest = index;
		}
	});
	if (widest < 0) return ok(undefined);
	const count = (rows[widest]?.length ?? 0).toLocaleString('en');
	return fail(
		appError(
			'TOO_MANY_COLUMNS',
			`Row ${widest + 1} of the file has ${count} columns; Roster reads at most ${MAX_COLUMNS.toLocaleString('en')}. Check the Delimiter (a file read with the wrong one can split every character), or remove the extra columns in your spreadsheet and save the file again.`,
			{ row: widest + 1, columns: rows[widest]?.length ?? 0 }
		)
	);
}

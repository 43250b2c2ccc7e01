import type { ImportSettings } from '../../domain/import-settings';
import type { InFileDuplicates } from '../../domain/in-file-duplicates';
import type { Mapping } from '../../domain/mapping';
import type { SessionId } from '../../domain/model';
import type { RowToDecide } from '../../domain/overlap';
import {
	fieldCell,
	generatedUserId,
	validateRow,
	type RowError,
	type ValidRow
} from '../../domain/validate-row';

/** A data row of the file, with its number as a spreadsheet shows it. */
export interface NumberedRecord {
	row: number;
	cells: string[];
	/** Set when the CSV itself could not be read right on this row. */
	problem?: string;
}

/** A row after the rules that need no database: skipped, ready to decide, or failed. */
export type JudgedRow =
	| { kind: 'empty'; row: number }
	| { kind: 'valid'; row: number; cells: string[]; value: RowToDecide }
	| { kind: 'invalid'; row: number; cells: string[]; errors: RowError[] };

export interface JudgeContext {
	sessionId: SessionId;
	mapping: Mapping;
	settings: ImportSettings;
	duplicates: InFileDuplicates;
}

/**
 * Applies the field rules and the in-file uniqueness rule to rows in file order. Stateful only
 * through `duplicates`, which must see every row of the file exactly once, in order.
 */
export function judgeRows(records: readonly NumberedRecord[], ctx: JudgeContext): JudgedRow[] {
	return records.map((record) => judgeRow(record, ctx));
}

function judgeRow({ row, cells, problem }: NumberedRecord, ctx: JudgeContext): JudgedRow {
	if (problem) return { kind: 'invalid', row, cells, errors: [{ field: null, message: problem }] };
	// A later row of a User ID adds cards to that user: it may leave the Name blank.
	const firstRow = ctx.duplicates.firstRowOf(fieldCell(cells, ctx.mapping, 'userId'));
	const verdict = validateRow(cells, ctx.mapping, ctx.settings, row, {
		nameOptional: firstRow !== undefined
	});
	if (verdict.kind === 'empty') return { kind: 'empty', row };
	if (verdict.kind === 'invalid') return { kind: 'invalid', row, cells, errors: verdict.errors };
	const value = withUserId(verdict.row, ctx.sessionId, row, firstRow);
	const repeats = ctx.duplicates.check(value, row);
	if (repeats.length > 0) return { kind: 'invalid', row, cells, errors: repeats };
	return { kind: 'valid', row, cells, value };
}

function withUserId(
	row: ValidRow,
	sessionId: SessionId,
	rowNumber: number,
	firstRow: number | undefined
): RowToDecide {
	const userId = row.userId ?? generatedUserId(sessionId, rowNumber);
	return firstRow === undefined ? { ...row, userId } : { ...row, userId, firstRow };
}

/** The failed-rows grid's plain helpers (see ./failed-rows-grid.svelte.ts). */
import { FIELD_KEYS, FIELDS, type FieldKey } from '$lib/domain/fields';
import type { FixVerdict } from '$lib/domain/fixed-rows';
import type { ImportSession } from '$lib/domain/import-session';
import { columnOf } from '$lib/domain/mapping';
import type { FailedRecord } from '$lib/domain/result-files';
import type { RowError } from '$lib/domain/validate-row';

/** failed: as stored or judged failing; checking: an edit is being judged; ready: it passes. */
export type FixState = 'failed' | 'checking' | 'ready';

export interface GridRow {
	row: number;
	/** Every cell of the row, as edited. */
	cells: string[];
	/** The cells as stored: a row is edited when its cells differ from these. */
	original: string[];
	/** The stored reasons, shown again when the edits are undone. */
	stored: RowError[];
	problems: RowError[];
	state: FixState;
	outcome: FixVerdict['outcome'] | null;
}

/** A mapped field: a column of the grid, with the index of its cell in the file's row. */
export interface GridColumn {
	field: FieldKey;
	label: string;
	index: number;
}

/** The grid's columns: the fields the import mapped, in the catalogue's order. */
export function gridColumns(session: ImportSession): GridColumn[] {
	return FIELD_KEYS.flatMap((field) => {
		const index = columnOf(session.mapping, field);
		return index === null ? [] : [{ field, label: FIELDS[field].label, index }];
	});
}

export function isEdited(row: GridRow): boolean {
	const width = Math.max(row.cells.length, row.original.length);
	for (let i = 0; i < width; i += 1) {
		if ((row.cells[i] ?? '') !== (row.original[i] ?? '')) return true;
	}
	return false;
}

/** A row's problems by field, each field's messages in one text (one id per cell to point at). */
export function problemsByField(
	problems: readonly RowError[]
): { field: FieldKey | null; text: string }[] {
	const texts = new Map<FieldKey | null, string[]>();
	for (const problem of problems) {
		texts.set(problem.field, [...(texts.get(problem.field) ?? []), problem.message]);
	}
	return [...texts].map(([field, messages]) => ({ field, text: messages.join('; ') }));
}

export function gridRow(record: FailedRecord): GridRow {
	const stored = record.problems ?? [{ field: null, message: record.error }];
	return {
		row: record.row,
		cells: [...record.cells],
		original: record.cells,
		stored,
		problems: stored,
		state: 'failed',
		outcome: null
	};
}

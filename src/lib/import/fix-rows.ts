import { EMPTIED_ROW, type FixedRow, type FixVerdict } from '$lib/domain/fixed-rows';
import { duplicateKeys } from '$lib/domain/in-file-duplicates';
import type { ChunkPlan } from './core/chunk-plan';
import { judgeRows, type JudgeContext, type JudgedRow } from './core/judge-rows';

/**
 * Judges fixed rows by the file's rules (judge-rows.ts), in the order of the file, with an in-file
 * check of their own: the rows of the file that succeeded are in the database by now, so the
 * chunk plan's look-ups catch repeats of those. A row the admin emptied fails: it is no fix.
 * One row per number: a row sent twice counts once (the last edit wins).
 */
export function judgeFixedRows(rows: readonly FixedRow[], ctx: JudgeContext): JudgedRow[] {
	const byRow = new Map(rows.map((fixed) => [fixed.row, fixed]));
	const ordered = [...byRow.values()].sort((a, b) => a.row - b.row);
	return judgeRows(ordered, ctx).map((judged, index) =>
		judged.kind === 'empty'
			? {
					kind: 'invalid',
					row: judged.row,
					cells: ordered[index]?.cells ?? [],
					errors: [{ field: null, message: EMPTIED_ROW }]
				}
			: judged
	);
}

/** What the plan of a batch of fixed rows says about each of them, in the rows' order. */
export function fixVerdicts(judged: readonly JudgedRow[], plan: ChunkPlan): FixVerdict[] {
	const succeeded = new Map(plan.succeeded.map((record) => [record.row, record.result]));
	const failed = new Map(plan.failed.map((record) => [record.row, record]));
	return judged.map((row) => {
		const keys = row.kind === 'valid' ? duplicateKeys(row.value) : [];
		const outcome = succeeded.get(row.row);
		if (outcome) return { row: row.row, outcome, problems: [], keys };
		const record = failed.get(row.row);
		const problems = record?.problems ?? [{ field: null, message: record?.error ?? EMPTIED_ROW }];
		return { row: row.row, outcome: 'failed', problems, keys };
	});
}

/**
 * The failed rows of a finished import, fixed in place in See Results (docs/architecture.md,
 * "Fixing failed rows"). Each edit is judged for its row alone by the worker, against the rules
 * and the database; repeats among the fixed rows are found here, one row's keys at a time.
 * Import fixed rows sends the edited rows that pass; the worker judges them again under the lock.
 */
import { appError, type AppError } from '$lib/domain/errors';
import { FixedRowKeys, type FixVerdict } from '$lib/domain/fixed-rows';
import type { ImportSession } from '$lib/domain/import-session';
import type { SessionId } from '$lib/domain/model';
import type { RowError } from '$lib/domain/validate-row';
import { gridColumns, gridRow, isEdited, type GridColumn, type GridRow } from './failed-rows';
import { importWorker } from './import-worker';

export { problemsByField, type GridColumn, type GridRow } from './failed-rows';

export class FailedRowsGrid {
	rows = $state.raw<GridRow[]>([]);
	columns = $state.raw<GridColumn[]>([]);
	loading = $state(false);
	importing = $state(false);
	error = $state<AppError | null>(null);
	/** What the last Import fixed rows did, for the status line. */
	lastImport = $state<{ imported: number; stillFailing: number } | null>(null);
	/** Bumped whenever the keys of a fixed row change: repeats are read through it. */
	#keysVersion = $state(0);
	#keys = new FixedRowKeys();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, rebuilt with `rows`
	#indexOf = new Map<number, number>();
	/** The latest judgement asked for each row: an older answer is dropped. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by a view
	#turns = new Map<number, number>();
	#sessionId: SessionId | null = null;

	/** The edited rows that pass every rule now: what Import fixed rows sends. */
	readonly ready = $derived(this.rows.filter((row) => this.#passes(row)));

	async load(session: ImportSession): Promise<void> {
		this.#sessionId = session.id;
		this.columns = gridColumns(session);
		this.loading = true;
		this.error = null;
		try {
			const result = await (await importWorker()).failedRows(session.id);
			if (!result.ok) {
				this.error = result.errors[0] ?? null;
				return;
			}
			this.#keys = new FixedRowKeys();
			this.#turns.clear();
			this.#setRows(result.value.rows.map(gridRow));
		} finally {
			this.loading = false;
		}
	}

	/**
	 * Reads the rows again when the session's failed count no longer matches them (another tab
	 * imported fixed rows), unless the admin has edits here that a reload would drop.
	 */
	async follow(session: ImportSession): Promise<void> {
		if (this.loading || this.importing || session.id !== this.#sessionId) return;
		if (session.counters.failed === this.rows.length || this.rows.some(isEdited)) return;
		await this.load(session);
	}

	/** The row's problems now, repeats among the fixed rows included. */
	problemsOf(row: GridRow): RowError[] {
		if (row.state !== 'ready') return row.problems;
		void this.#keysVersion;
		return this.#keys.repeatsOf(row.row);
	}

	/** Sets one cell of a row and judges the row again (only that row). */
	edit(rowNumber: number, column: GridColumn, value: string): void {
		const index = this.#indexOf.get(rowNumber);
		const current = index === undefined ? undefined : this.rows[index];
		if (index === undefined || !current) return;
		const cells = [...current.cells];
		while (cells.length <= column.index) cells.push('');
		cells[column.index] = value;
		const next: GridRow = { ...current, cells };
		const turn = (this.#turns.get(rowNumber) ?? 0) + 1;
		this.#turns.set(rowNumber, turn);
		this.#setKeys(rowNumber, []);
		if (!isEdited(next)) {
			this.#replace(index, { ...next, problems: next.stored, state: 'failed', outcome: null });
			return;
		}
		this.#replace(index, { ...next, state: 'checking' });
		void this.#judge(next, turn);
	}

	/** Import fixed rows: the edited rows that pass go into the same session. */
	async importFixed(): Promise<void> {
		const id = this.#sessionId;
		const sent = this.ready;
		if (id === null || sent.length === 0 || this.importing) return;
		this.importing = true;
		this.error = null;
		try {
			const result = await (
				await importWorker()
			).importFixedRows(
				id,
				sent.map(({ row, cells }) => ({ row, cells: [...cells] }))
			);
			if (!result.ok) {
				this.error =
					result.errors[0] ?? appError('UNEXPECTED', 'The fixed rows were not imported.');
				return;
			}
			/* eslint-disable svelte/prefer-svelte-reactivity -- local, never state */
			const verdicts = new Map(result.value.verdicts.map((verdict) => [verdict.row, verdict]));
			const sentRows = new Set(sent.map((row) => row.row));
			/* eslint-enable svelte/prefer-svelte-reactivity */
			let imported = 0;
			const rows = this.rows.flatMap((row): GridRow[] => {
				const verdict = verdicts.get(row.row);
				if (!verdict) {
					// Sent but no failed row any more: another tab imported it meanwhile.
					if (!sentRows.has(row.row)) return [row];
					this.#setKeys(row.row, []);
					return [];
				}
				this.#setKeys(row.row, []);
				if (verdict.outcome !== 'failed') {
					imported += 1;
					return [];
				}
				// The stored record now holds the cells as sent, with the new reasons.
				const problems = verdict.problems;
				return [{ ...row, original: row.cells, stored: problems, problems, state: 'failed' }];
			});
			this.#setRows(rows);
			this.lastImport = { imported, stillFailing: verdicts.size - imported };
		} finally {
			this.importing = false;
		}
	}

	async #judge(row: GridRow, turn: number): Promise<void> {
		const id = this.#sessionId;
		if (id === null) return;
		const result = await (
			await importWorker()
		).judgeFixedRows(id, [{ row: row.row, cells: [...row.cells] }]);
		if (this.#turns.get(row.row) !== turn) return;
		const index = this.#indexOf.get(row.row);
		const current = index === undefined ? undefined : this.rows[index];
		if (index === undefined || !current) return;
		const verdict = result.ok ? result.value[0] : undefined;
		if (!verdict) {
			const message = result.ok ? 'This row could not be checked.' : result.errors[0]?.message;
			this.#replace(index, {
				...current,
				state: 'failed',
				problems: [{ field: null, message: message ?? 'This row could not be checked.' }]
			});
			return;
		}
		this.#setKeys(row.row, verdict.keys);
		this.#replace(index, {
			...current,
			state: verdict.outcome === 'failed' ? 'failed' : 'ready',
			problems: verdict.problems,
			outcome: verdict.outcome
		});
	}

	#passes(row: GridRow): boolean {
		return row.state === 'ready' && isEdited(row) && this.problemsOf(row).length === 0;
	}

	#setKeys(rowNumber: number, keys: FixVerdict['keys']): void {
		this.#keys.set(rowNumber, keys);
		this.#keysVersion += 1;
	}

	#replace(index: number, row: GridRow): void {
		this.rows = this.rows.with(index, row);
	}

	#setRows(rows: GridRow[]): void {
		this.rows = rows;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, rebuilt with `rows`
		this.#indexOf = new Map(rows.map((row, index) => [row.row, index]));
	}
}

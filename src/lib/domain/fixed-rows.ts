/**
 * Failed rows fixed in place in See Results (docs/architecture.md, "Fixing failed rows"): the
 * pure parts that the page (live verdicts) and the engine (the import of the fixed rows) share.
 */
import type { ImportCounters } from './import-session';
import { repeatError, type DuplicateKey } from './in-file-duplicates';
import type { FailedRecord } from './result-files';
import type { RowError } from './validate-row';

/** A failed row as the admin edited it: its number in the file and all of its cells. */
export interface FixedRow {
	row: number;
	cells: string[];
}

/** What the rules say about a fixed row now, against the database as it is. */
export interface FixVerdict {
	row: number;
	outcome: 'created' | 'updated' | 'kept' | 'failed';
	problems: RowError[];
	/** The keys the in-file rule compares (rows that pass the field rules), for repeats among fixed rows. */
	keys: DuplicateKey[];
}

/** The message of a fixed row left blank: an empty row is not a fix. */
export const EMPTIED_ROW = 'The row is now empty: fill in its cells, or undo your changes.';

/**
 * The session's counters once a batch of fixed rows is imported: each row that now succeeded
 * leaves Failed for its outcome; a row that still fails was counted as failed already.
 */
export function countersAfterFix(counters: ImportCounters, fixed: ImportCounters): ImportCounters {
	return {
		created: counters.created + fixed.created,
		updated: counters.updated + fixed.updated,
		kept: counters.kept + fixed.kept,
		failed: counters.failed - (fixed.created + fixed.updated + fixed.kept),
		skipped: counters.skipped
	};
}

/**
 * A chunk's failed records after a fix: the imported rows leave (they are in the fix's own result
 * record now), the rows that still fail keep their place with the cells as edited and the new
 * reasons, so the failed file gives the admin their latest attempt.
 */
export function failedAfterFix(
	failed: readonly FailedRecord[],
	imported: ReadonlySet<number>,
	refailed: ReadonlyMap<number, FailedRecord>
): FailedRecord[] {
	return failed
		.filter((record) => !imported.has(record.row))
		.map((record) => refailed.get(record.row) ?? record);
}

/**
 * The keys of the fixed rows that pass the field rules, so a fixed row that repeats another one
 * fails as the file's rule says: the first row (by its number in the file) keeps the value and
 * a later one "repeats row N". Updated one row at a time as the admin types.
 */
export class FixedRowKeys {
	readonly #keys = new Map<number, readonly DuplicateKey[]>();
	readonly #rowsByKey = new Map<string, Set<number>>();

	/** Sets the keys of `row` (none: it does not pass the field rules, or is not edited). */
	set(row: number, keys: readonly DuplicateKey[]): void {
		this.delete(row);
		if (keys.length === 0) return;
		this.#keys.set(row, keys);
		for (const key of keys) {
			const id = keyId(key);
			const rows = this.#rowsByKey.get(id) ?? new Set<number>();
			rows.add(row);
			this.#rowsByKey.set(id, rows);
		}
	}

	delete(row: number): void {
		for (const key of this.#keys.get(row) ?? []) {
			const id = keyId(key);
			const rows = this.#rowsByKey.get(id);
			rows?.delete(row);
			if (rows?.size === 0) this.#rowsByKey.delete(id);
		}
		this.#keys.delete(row);
	}

	/** The repeats of `row`: each key an earlier fixed row holds too, naming the first such row. */
	repeatsOf(row: number): RowError[] {
		const errors: RowError[] = [];
		for (const key of this.#keys.get(row) ?? []) {
			let first = row;
			for (const other of this.#rowsByKey.get(keyId(key)) ?? []) first = Math.min(first, other);
			if (first < row) errors.push(repeatError(key[0], key[2], first));
		}
		return errors;
	}
}

function keyId([field, key]: DuplicateKey): string {
	return `${field}\u0000${key}`;
}

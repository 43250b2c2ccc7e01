/**
 * Keys to delete, as runs that can each go in one request: a run is a stretch of a table's keys
 * (in the table's order) that are all to be deleted. Deleting 5 000 records one request each cost
 * Undo as much as the import's writes; a chunk's users and cards mostly sit side by side in their
 * tables, so a few runs delete them (docs/architecture.md, "Undo").
 */

/** The first and last key of a run (the same key for a run of one). */
export type KeyRun<K> = readonly [first: K, last: K];

/**
 * The runs of `doomed` within `keys`, the table's keys in its order: every key in a run is doomed,
 * and every doomed key in `keys` is in exactly one run.
 */
export function keyRuns<K>(keys: readonly K[], doomed: ReadonlySet<K>): KeyRun<K>[] {
	const runs: KeyRun<K>[] = [];
	let first: K | undefined;
	let last: K | undefined;
	for (const key of keys) {
		if (doomed.has(key)) {
			if (first === undefined) first = key;
			last = key;
		} else if (first !== undefined && last !== undefined) {
			runs.push([first, last]);
			first = undefined;
		}
	}
	if (first !== undefined && last !== undefined) runs.push([first, last]);
	return runs;
}

/** The lowest and highest of some text keys, compared as IndexedDB compares strings (code units). */
export function keyBounds<K extends string>(keys: readonly K[]): KeyRun<K> | null {
	let low = keys[0];
	let high = keys[0];
	if (low === undefined || high === undefined) return null;
	for (const key of keys) {
		if (key < low) low = key;
		if (key > high) high = key;
	}
	return [low, high];
}

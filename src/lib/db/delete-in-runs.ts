import type { Table } from 'dexie';
import { keyBounds, keyRuns } from '$lib/domain/key-runs';

/**
 * Past this many of the table's keys read per key to delete, reading them costs more than it
 * saves: the keys are deleted one request each instead.
 */
const KEYS_READ_PER_DELETE = 8;

/**
 * Deletes records by primary key, each run of keys that sit side by side in the table in one
 * request (domain/key-runs.ts). Call it inside the transaction that decided the keys: the runs are
 * read from the table as it is then.
 */
export async function deleteInRuns<K extends string>(
	table: Table<unknown, K>,
	keys: readonly K[]
): Promise<void> {
	const bounds = keyBounds(keys);
	if (bounds === null) return;
	if (keys.length === 1) return table.delete(bounds[0]);
	const limit = KEYS_READ_PER_DELETE * keys.length;
	const inRange = await table
		.where(':id')
		.between(bounds[0], bounds[1], true, true)
		.limit(limit + 1)
		.primaryKeys();
	if (inRange.length > limit) return table.bulkDelete([...keys]);
	await Promise.all(
		keyRuns(inRange, new Set(keys)).map(([first, last]) =>
			first === last
				? table.delete(first)
				: table.where(':id').between(first, last, true, true).delete()
		)
	);
}

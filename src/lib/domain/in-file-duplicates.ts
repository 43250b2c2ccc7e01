/**
 * Uniqueness inside one file. Rows arrive in order, chunk after chunk; for each key (User ID,
 * email, phone digits, card number) the first row that used a value keeps it and any later row
 * with the same value fails with "repeats row N". Only valid, accepted rows register their keys,
 * so a row that failed never blocks a later, correct one.
 */
import { showCardNumber } from './card-number';
import { quote } from './field-rules';
import { FIELDS, type FieldKey } from './fields';
import { FirstRows } from './first-rows';
import type { RowError, ValidRow } from './validate-row';

type KeyField = Extract<FieldKey, 'userId' | 'email' | 'phone' | 'cardId'>;

/** One key of a row the in-file rule compares: its field, the compared value, and as shown. */
export type DuplicateKey = readonly [field: KeyField, key: string, shown: string];

/** The keys of a valid row, blank ones left out. */
export function duplicateKeys(row: ValidRow): DuplicateKey[] {
	const keys: [KeyField, string | null, string | null][] = [
		// User IDs compare exactly: storage keys are case-sensitive.
		['userId', row.userId, row.userId],
		['email', row.email?.toLowerCase() ?? null, row.email],
		['phone', row.phoneDigits, row.phone],
		['cardId', row.card?.number ?? null, row.card ? showCardNumber(row.card) : null]
	];
	return keys.flatMap(([field, key, shown]) =>
		key === null || key === '' ? [] : [[field, key, shown ?? key] as const]
	);
}

/** The problem of a row whose `field` repeats the value of an earlier row. */
export function repeatError(field: KeyField, shown: string, first: number): RowError {
	return { field, message: `${FIELDS[field].label} ${quote(shown)} repeats row ${first}` };
}

export class InFileDuplicates {
	/** value → first row number, one table per key: memory grows with accepted rows only. */
	private readonly seen: Record<KeyField, FirstRows> = {
		userId: new FirstRows(),
		email: new FirstRows(),
		phone: new FirstRows(),
		cardId: new FirstRows()
	};

	/**
	 * Returns the row's repeats (empty when none) and, when there are none, remembers its keys.
	 * A row whose User ID was blank should be checked with its generated ID, or with null.
	 */
	check(row: ValidRow, rowNumber: number): RowError[] {
		const keys = duplicateKeys(row);
		const errors: RowError[] = [];
		for (const [field, key, shown] of keys) {
			const first = this.seen[field].get(key);
			if (first !== undefined) errors.push(repeatError(field, shown, first));
		}
		if (errors.length === 0) {
			for (const [field, key] of keys) this.seen[field].add(key, rowNumber);
		}
		return errors;
	}

	/** Forgets every row and frees the memory now (see `FirstRows.release`). */
	release(): void {
		for (const table of Object.values(this.seen)) table.release();
	}
}

/**
 * Uniqueness inside one file. Rows arrive in order, chunk after chunk; for each key (User ID,
 * email, phone digits, card number) the first row that used a value keeps it and any later row
 * with the same value fails with "repeats row N". Only valid, accepted rows register their keys,
 * so a row that failed never blocks a later, correct one.
 *
 * A User ID is the exception (docs/architecture.md, "Field rules"): a later row with the same
 * User ID adds its cards to that user. Its other cells must be blank or agree with the user's
 * first row, which is remembered as a fingerprint of each cell; email and phone are then the
 * user's own, so they are not repeats. Its cards are checked and registered like any other.
 */
import { showCardNumber } from './card-number';
import { quote } from './field-rules';
import { FIELDS, type FieldKey } from './fields';
import { FirstRows, fingerprint } from './first-rows';
import { RowSlots } from './row-slots';
import type { RowError, ValidRow } from './validate-row';

type KeyField = Extract<FieldKey, 'userId' | 'email' | 'phone'>;

/** The user cells a later row must leave blank or repeat, with the stored form compared. */
const USER_CELLS: readonly [FieldKey, (row: ValidRow) => string | null][] = [
	['name', (row) => row.name],
	['email', (row) => row.email],
	// Digits: `+1 555 0100` and `+15550100` are the same phone.
	['phone', (row) => row.phoneDigits],
	['userType', (row) => row.userType],
	['department', (row) => row.department],
	['title', (row) => row.title],
	['imageFile', (row) => row.imageFile ?? null]
];
const SHOWN: Partial<Record<FieldKey, (row: ValidRow) => string | null>> = {
	phone: (row) => row.phone
};

type RepeatField = KeyField | 'cardId';

/** One key of a row the in-file rule compares: its field, the compared value, and as shown. */
export type DuplicateKey = readonly [field: RepeatField, key: string, shown: string];

type UserKey = readonly [field: KeyField, key: string, shown: string];

/** The user keys of a valid row (User ID, email, phone), blank ones left out. */
function userKeys(row: ValidRow): UserKey[] {
	const keys: [KeyField, string | null, string | null][] = [
		// User IDs compare exactly: storage keys are case-sensitive.
		['userId', row.userId, row.userId],
		['email', row.email?.toLowerCase() ?? null, row.email],
		['phone', row.phoneDigits, row.phone]
	];
	return keys.flatMap(([field, key, shown]) =>
		key === null || key === '' ? [] : [[field, key, shown ?? key] as const]
	);
}

/** Every key of a valid row: its user keys and each of its cards. */
export function duplicateKeys(row: ValidRow): DuplicateKey[] {
	return [
		...userKeys(row),
		...row.cards.map((card) => ['cardId', card.number, showCardNumber(card)] as const)
	];
}

/** The problem of a row whose `field` repeats the value of an earlier row. */
export function repeatError(field: RepeatField, shown: string, first: number): RowError {
	return { field, message: `${FIELDS[field].label} ${quote(shown)} repeats row ${first}` };
}

export class InFileDuplicates {
	/** value → first row number, one table per key: memory grows with accepted rows only. */
	private readonly seen: Record<KeyField, FirstRows> = {
		userId: new FirstRows(),
		email: new FirstRows(),
		phone: new FirstRows()
	};
	/** Card number → entry (a row may hold several cards, a FirstRows key one per number)… */
	private readonly cards = new FirstRows();
	/** …and entry → the row that holds it. */
	private readonly cardRows = new RowSlots(1);
	private cardEntries = 0;
	/** Fingerprints of each user's first-row cells, by that row (0: blank). */
	private readonly userCells = new RowSlots(USER_CELLS.length);

	/** The row that first gave this User ID (as the cell reads), or undefined. */
	firstRowOf(userId: string): number | undefined {
		return userId === '' ? undefined : this.seen.userId.get(userId);
	}

	/**
	 * Returns the row's problems (empty when none) and, when there are none, remembers its keys.
	 * A row whose User ID was blank should be checked with its generated ID, or with null.
	 */
	check(row: ValidRow, rowNumber: number): RowError[] {
		// User IDs compare exactly: storage keys are case-sensitive.
		const first = row.userId === null ? undefined : this.seen.userId.get(row.userId);
		// A later row of a User ID is that user: its email and phone are theirs, not repeats.
		const keys = first === undefined ? userKeys(row) : [];
		const errors: RowError[] = first === undefined ? [] : this.#disagreements(row, first);
		for (const [field, key, shown] of keys) {
			const earlier = this.seen[field].get(key);
			if (earlier !== undefined) errors.push(repeatError(field, shown, earlier));
		}
		for (const card of row.cards) {
			const entry = this.cards.get(card.number);
			if (entry === undefined) continue;
			errors.push(repeatError('cardId', showCardNumber(card), this.cardRows.get(entry, 0)));
		}
		if (errors.length > 0) return errors;
		for (const [field, key] of keys) this.seen[field].add(key, rowNumber);
		if (first === undefined && row.userId !== null) {
			USER_CELLS.forEach(([, value], slot) => {
				this.userCells.set(rowNumber, slot, cellPrint(value(row)));
			});
		}
		for (const card of row.cards) {
			this.cardEntries += 1;
			this.cards.add(card.number, this.cardEntries);
			this.cardRows.set(this.cardEntries, 0, rowNumber);
		}
		return errors;
	}

	/** A later row's user cells that are neither blank nor as in the user's first row. */
	#disagreements(row: ValidRow, first: number): RowError[] {
		const errors: RowError[] = [];
		USER_CELLS.forEach(([field, value], slot) => {
			const compared = value(row);
			if (compared === null || compared === '') return;
			const earlier = this.userCells.get(first, slot);
			if (earlier === cellPrint(compared)) return;
			const shown = quote((SHOWN[field] ?? value)(row) ?? compared);
			const label = FIELDS[field].label;
			errors.push({
				field,
				message:
					earlier === 0
						? `${label} ${shown} is blank in row ${first}, which has the same User ID: write it in row ${first}, or leave it blank here`
						: `${label} ${shown} differs from row ${first}, which has the same User ID: leave it blank or write it as in row ${first}`
			});
		});
		return errors;
	}

	/** Forgets every row and frees the memory now (see `FirstRows.release`). */
	release(): void {
		for (const table of Object.values(this.seen)) table.release();
		this.cards.release();
		this.cardRows.release();
		this.userCells.release();
		this.cardEntries = 0;
	}
}

/** A cell's 32-bit fingerprint for the agreement check; never 0, which marks a blank cell. */
function cellPrint(value: string | null): number {
	if (value === null || value === '') return 0;
	const [high, low] = fingerprint(value);
	return (high ^ low) | 1;
}

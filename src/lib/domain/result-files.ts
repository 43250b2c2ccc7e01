/**
 * The two result files, built piece by piece so the engine can stream them:
 * file = CSV_BOM + header line + the lines of each chunk, concatenated.
 * - Succeeded: `Row`, `Result`, then each imported field by its label, then `Cards`: what the
 *   row did to each of its cards (`2 created, 1 kept`), since a row may hold several.
 * - Failed: the original header and cells unchanged (so the admin fixes and re-imports the file),
 *   then `Row` and `Error`.
 * Every cell is quoted (RFC 4180) and formula-escaped; lines end in CRLF; UTF-8 with a BOM so
 * Excel reads the accents right.
 */
import { showCardNumber, type EnteredCardNumber } from './card-number';
import { cardFormatName, isConsistent } from './wiegand';
import { FIELDS, type FieldKey } from './fields';
import { escapeFormula } from './formula';
import type { Card, User, UserId } from './model';
import type { CardTally } from './overlap';
import { userFormValues } from './user-form';
import type { RowError, ValidRow } from './validate-row';

export { escapeFormula } from './formula';

export const CSV_BOM = '\uFEFF';
export const CRLF = '\r\n';

/** One CSV record: every cell formula-escaped and quoted, quotes doubled, CRLF at the end. */
export function csvLine(cells: readonly string[], delimiter = ','): string {
	return cells.map((cell) => `"${escapeFormula(cell).replace(/"/g, '""')}"`).join(delimiter) + CRLF;
}

export interface SucceededRecord {
	/** The row as a spreadsheet numbers it (the header row and any rows above it count). */
	row: number;
	result: 'created' | 'updated' | 'kept';
	/** One per field of the header, in the same order, as stored/displayed. */
	values: string[];
	/** What the row did to its cards; absent in results stored before it was kept. */
	cards?: CardTally;
}

export interface FailedRecord {
	row: number;
	/** The row's original cells, untouched. */
	cells: string[];
	/** All the row's problems, joined with `; ` (see joinErrors). */
	error: string;
	/**
	 * The same problems, each with the field at fault, so See Results marks the offending cell.
	 * Absent in records stored before it existed: the grid then shows `error` for the row.
	 */
	problems?: RowError[];
}

export function succeededHeaderLine(fields: readonly FieldKey[], delimiter = ','): string {
	return csvLine(['Row', 'Result', ...fields.map((key) => FIELDS[key].label), 'Cards'], delimiter);
}

export function succeededLines(records: readonly SucceededRecord[], delimiter = ','): string {
	return records
		.map((r) => csvLine([String(r.row), r.result, ...r.values, cardsText(r.cards)], delimiter))
		.join('');
}

/** `2 created, 1 kept`; blank for a row without cards. */
export function cardsText(tally: CardTally | undefined): string {
	if (!tally) return '';
	return (['created', 'updated', 'kept'] as const)
		.filter((key) => tally[key] > 0)
		.map((key) => `${tally[key]} ${key}`)
		.join(', ');
}

export function failedHeaderLine(originalHeader: readonly string[], delimiter = ','): string {
	return csvLine([...originalHeader, 'Row', 'Error'], delimiter);
}

/**
 * Short rows are padded to the header's `width` so `Row` and `Error` stay under their headings;
 * a row with more cells than the header keeps them all (losing the admin's data would be worse
 * than a shifted column).
 */
export function failedLines(
	records: readonly FailedRecord[],
	width: number,
	delimiter = ','
): string {
	return records
		.map((r) => {
			const cells = [...r.cells];
			while (cells.length < width) cells.push('');
			return csvLine([...cells, String(r.row), r.error], delimiter);
		})
		.join('');
}

/** Several problems of one row in one cell. */
export function joinErrors(errors: readonly { message: string }[]): string {
	return errors.map((e) => e.message).join('; ');
}

/** Several cards in one cell, as the import reads them back (card-list.ts). */
export const CARD_JOINER = '/';

/** A validated row's values for the succeeded file; blank cells stay blank. */
export function displayValues(
	row: ValidRow & { userId: UserId },
	fields: readonly FieldKey[]
): string[] {
	return valuesOf(
		{
			userId: row.userId,
			name: row.name,
			email: row.email ?? '',
			phone: row.phone ?? '',
			userType: row.userType ?? '',
			department: row.department ?? '',
			title: row.title ?? '',
			imageFile: row.imageFile ?? ''
		},
		row.cards,
		fields
	);
}

/** A stored user (and cards)'s values for the succeeded file: what the database now holds. */
export function displayUserValues(
	user: User,
	cards: readonly StoredRowCard[],
	fields: readonly FieldKey[]
): string[] {
	return valuesOf({ ...userFormValues(user), imageFile: user.imageFile ?? '' }, cards, fields);
}

type StoredRowCard = Pick<Card, 'number' | 'enteredAs' | 'wiegand' | 'validFrom' | 'validTo'>;
type CardFieldKey =
	'cardId' | 'cardFormat' | 'facilityCode' | 'cardNumber' | 'cardStart' | 'cardEnd';

const distinct = (values: readonly string[]) => [...new Set(values)].join(CARD_JOINER);

/** Card cells joined; dates once when the cards share them (a row's cards do), else joined. */
function valuesOf(
	user: Record<Exclude<FieldKey, CardFieldKey>, string>,
	cards: readonly StoredRowCard[],
	fields: readonly FieldKey[]
): string[] {
	const values: Record<FieldKey, string> = {
		...user,
		...cardValues(cards),
		cardStart: distinct(cards.map((card) => card.validFrom)),
		cardEnd: distinct(cards.map((card) => card.validTo))
	};
	return fields.map((key) => values[key]);
}

/**
 * A card's cells as the template writes them, so a file Roster writes imports back: a CSN in
 * Card ID as it was entered, a Wiegand card as its Facility code and Card number; the Card format
 * of either, so a file of mixed cards needs no choice in Configure.
 */
function cardValues(
	cards: readonly EnteredCardNumber[]
): Pick<Record<FieldKey, string>, 'cardId' | 'cardFormat' | 'facilityCode' | 'cardNumber'> {
	const wiegand = cards.flatMap((card) =>
		card.wiegand && isConsistent(card.number, card.wiegand) ? [card.wiegand] : []
	);
	const csn = cards.filter((card) => !card.wiegand || !isConsistent(card.number, card.wiegand));
	return {
		cardId: csn.map(showCardNumber).join(CARD_JOINER),
		cardFormat: distinct([
			...(csn.length > 0 ? [cardFormatName('csn')] : []),
			...wiegand.map((credential) => cardFormatName(credential.format))
		]),
		facilityCode: wiegand.map((credential) => String(credential.facilityCode)).join(CARD_JOINER),
		cardNumber: wiegand.map((credential) => String(credential.cardNumber)).join(CARD_JOINER)
	};
}

/**
 * What a result file is called when downloaded, `staff-failed-2026-11-26.csv`, in the browser and
 * from the server alike; `day` is YYYY-MM-DD (the admin's local day where it is known).
 */
export function resultFileName(
	fileName: string,
	kind: 'succeeded' | 'failed',
	day: string
): string {
	const base = fileName.replace(/\.[^.]*$/, '') || 'import';
	return `${base}-${kind}-${day}.csv`;
}

/**
 * Whether a file's card IDs fit the Card ID type chosen for it. A wrong type is not always an
 * error: every run of decimal digits is also valid hex, so decimal cards imported as Hexadecimal
 * all "succeed" with other numbers. The check looks at the card cells of the whole file and
 * returns a warning naming both readings of a card, for Configure to show beside the counts.
 */
import { parseCardNumber } from './card-number';
import type { CardIdType } from './model';

const DIGITS = /^[0-9]+$/;
const HEX_ONLY = /^(?:0[xX][0-9a-fA-F]+|[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*)$/;

/** A card cell the warning names, with its row. */
interface Sample {
	cell: string;
	row: number;
}

/** Counts the shapes of a file's card cells, in file order; feed it every non-blank card cell. */
export class CardCellTally {
	/** Cells of decimal digits only: valid in both types, with different values. */
	digits = 0;
	/** Cells only hex can read (A–F or 0x). */
	hexOnly = 0;
	/** The first digits-only cell that both types can read (not zero, not over 64 bits). */
	firstDigits: Sample | null = null;
	firstHexOnly: Sample | null = null;

	add(cell: string, row: number): void {
		const value = cell.trim();
		if (DIGITS.test(value)) {
			this.digits += 1;
			if (this.firstDigits === null && readsBoth(value)) this.firstDigits = { cell: value, row };
		} else if (HEX_ONLY.test(value)) {
			this.hexOnly += 1;
			if (this.firstHexOnly === null && parseCardNumber(value, 'hexadecimal').ok) {
				this.firstHexOnly = { cell: value, row };
			}
		}
	}
}

function readsBoth(value: string): boolean {
	return parseCardNumber(value, 'decimal').ok && parseCardNumber(value, 'hexadecimal').ok;
}

/** The stored (decimal) value of a cell read in `type`; the caller checked that it reads. */
function storedAs(cell: string, type: CardIdType): string {
	const read = parseCardNumber(cell, type);
	return read.ok ? read.value : cell;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The warning for a file's card cells under `type`, or null when they fit it. Hexadecimal with
 * some cells made of digits only is not warned about: genuine hex numbers often have no letter.
 */
export function cardTypeWarning(tally: CardCellTally, type: CardIdType): string | null {
	const digits = tally.firstDigits;
	const hex = tally.firstHexOnly;
	if (type === 'hexadecimal') {
		if (tally.hexOnly > 0 || digits === null) return null;
		return `Every card ID in this file is made of decimal digits, but Card ID type is Hexadecimal: ${digits.cell} would be stored as ${storedAs(digits.cell, 'hexadecimal')}. Choose Decimal if these are decimal numbers.`;
	}
	if (hex === null) return null;
	const asHex = `${hex.cell} would be stored as ${storedAs(hex.cell, 'hexadecimal')}`;
	if (tally.digits === 0) {
		return `Every card ID in this file is hexadecimal, but Card ID type is Decimal: ${hex.cell} (row ${hex.row}) cannot be read as decimal, so every card fails. Choose Hexadecimal if these are hexadecimal numbers: ${asHex}.`;
	}
	const mixed = `This file mixes card IDs with the letters A–F or 0x (${plural(tally.hexOnly, 'card', 'cards')}, the first ${hex.cell} on row ${hex.row}) and card IDs of decimal digits only (${plural(tally.digits, 'card', 'cards')}).`;
	const failing =
		tally.hexOnly === 1
			? 'the card with letters fails'
			: `the ${tally.hexOnly} cards with letters fail`;
	const rule = `Card ID type applies to the whole file: as Decimal, ${failing}`;
	const otherReading = digits
		? `; as Hexadecimal, ${asHex} and ${digits.cell} (row ${digits.row}) as ${storedAs(digits.cell, 'hexadecimal')} instead of ${storedAs(digits.cell, 'decimal')}`
		: `; as Hexadecimal, ${asHex}`;
	return `${mixed} ${rule}${otherReading}. Choose Hexadecimal if they are all hexadecimal; otherwise import the cards of each type in a separate file.`;
}

/**
 * Whether a column's IDs lost their leading zeros. Excel turns `00123456` into the number
 * `123456` when it opens a CSV, and saves it back that way; the file then holds 6-digit IDs among
 * 8-digit ones, each a valid but different ID. The check looks at a whole column of the file and
 * returns a warning for Configure to show beside the counts (see docs/architecture.md "Field
 * rules"). A warning, not a failure: a short ID may be genuine.
 */
import { KEEP_DIGITS } from './excel-damage';
import { quote } from './field-rules';

const DIGITS = /^[0-9]+$/;
/** Below this many all-digit values, a usual width says nothing. */
const MIN_VALUES = 5;
/** The usual width must be this share of the all-digit values. */
const MIN_SHARE = 0.6;
/**
 * Numbered 1, 2, … 999 the IDs have every width below the usual one without any zero lost, so
 * without other signs only a width of this many digits or more counts as fixed.
 */
const FIXED_WIDTH = 6;

/** Counts the widths of a column's all-digit cells; feed it every non-blank cell in file order. */
export class DigitWidthTally {
	#byWidth = new Map<number, number>();
	/** Widths at which some value still starts with 0: the column is written with leading zeros. */
	#zeroLed = new Set<number>();
	#first = new Map<number, { cell: string; row: number }>();
	#digits = 0;

	add(cell: string, row: number): void {
		const value = cell.trim();
		if (!DIGITS.test(value)) return;
		this.#digits += 1;
		const width = value.length;
		this.#byWidth.set(width, (this.#byWidth.get(width) ?? 0) + 1);
		if (value.startsWith('0')) this.#zeroLed.add(width);
		if (!this.#first.has(width)) this.#first.set(width, { cell: value, row });
	}

	/** The usual width, how many values are shorter, and the first of them; null when none stands out. */
	shortValues(): {
		width: number;
		shorter: number;
		total: number;
		first: { cell: string; row: number };
	} | null {
		let width = 0;
		let most = 0;
		for (const [w, n] of this.#byWidth)
			if (n > most || (n === most && w > width)) [width, most] = [w, n];
		if (this.#digits < MIN_VALUES || most < this.#digits * MIN_SHARE) return null;
		if (width < FIXED_WIDTH && !this.#zeroLed.has(width)) return null;
		let shorter = 0;
		let first: { cell: string; row: number } | null = null;
		for (const [w, n] of this.#byWidth) {
			if (w >= width) continue;
			shorter += n;
			const sample = this.#first.get(w);
			if (sample && (first === null || sample.row < first.row)) first = sample;
		}
		return first === null ? null : { width, shorter, total: this.#digits, first };
	}
}

/** The warning for one column, naming the field; null when its widths look whole. */
export function leadingZeroWarning(label: string, tally: DigitWidthTally): string | null {
	const found = tally.shortValues();
	if (found === null) return null;
	const { width, shorter, total, first } = found;
	const padded = first.cell.padStart(width, '0');
	const has = shorter === 1 ? 'has' : 'have';
	return `${label}: ${shorter} of ${total} values ${has} fewer than the ${width} digits most have (the first, ${quote(first.cell)}, on row ${first.row}). Excel drops leading zeros when it opens a CSV, so ${quote(padded)} is saved as ${quote(first.cell)} and becomes another ${label}. If these values began with 0, ${KEEP_DIGITS}.`;
}

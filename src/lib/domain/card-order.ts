/**
 * Card numbers in numeric order. Stored numbers are canonical decimal (no leading zeros), so a
 * shorter number is the smaller one and numbers of one length compare as text: no BigInt and no
 * comparator sort of a million cards. The cards arrive in the database's key order, which is text
 * order, so each length is usually in order already and the whole sort is one counting pass.
 */
import type { CardNumber } from './model';

/** The longest canonical number: 2^64 − 1 has 20 digits. */
const MAX_DIGITS = 20;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `items` sorted by their card number's value (a new array; ties keep their order). */
export function inCardNumberOrder<T>(items: readonly T[], numberOf: (item: T) => CardNumber): T[] {
	// Counting sort by length: stable, so each length keeps the order it came in.
	const counts = new Int32Array(MAX_DIGITS + 2);
	const lengthOf = (item: T): number => Math.min(numberOf(item).length, MAX_DIGITS + 1);
	for (const item of items) counts[lengthOf(item)] = (counts[lengthOf(item)] ?? 0) + 1;
	const bounds = new Int32Array(counts.length + 1);
	for (let length = 0; length < counts.length; length += 1) {
		bounds[length + 1] = (bounds[length] ?? 0) + (counts[length] ?? 0);
	}
	const next = bounds.slice(0, counts.length);
	const sorted = new Array<T>(items.length);
	for (const item of items) {
		const length = lengthOf(item);
		const at = next[length] ?? 0;
		sorted[at] = item;
		next[length] = at + 1;
	}
	// Any other order given (or a number longer than canonical ones): sort that length as text.
	for (let length = 0; length < counts.length; length += 1) {
		const start = bounds[length] ?? 0;
		const end = bounds[length + 1] ?? 0;
		if (!inTextOrder(sorted, start, end, numberOf)) {
			const run = sorted.slice(start, end).sort((a, b) => byText(numberOf(a), numberOf(b)));
			for (let i = 0; i < run.length; i += 1) sorted[start + i] = run[i]!;
		}
	}
	return sorted;
}

function inTextOrder<T>(
	items: readonly T[],
	start: number,
	end: number,
	numberOf: (item: T) => CardNumber
): boolean {
	for (let i = start + 1; i < end; i += 1) {
		if (numberOf(items[i - 1]!) > numberOf(items[i]!)) return false;
	}
	return true;
}

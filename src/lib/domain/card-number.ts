/**
 * Card numbers. Readers report 32-bit UIDs, 56-bit CSNs and up to 64-bit values, so a card number
 * is never a JS `number` (exact only to 2^53): it is parsed with BigInt and stored canonically as
 * the decimal string of its value, which sorts and compares the same whatever type the admin uses.
 */
import { scientificNotationProblem } from './excel-damage';
import type { Card, CardForm, CardIdType, CardNumber } from './model';
import { fail, ok, type Result } from './result';
import { isConsistent, showWiegand } from './wiegand';

export const MAX_CARD_NUMBER = (1n << 64n) - 1n;

const DECIMAL = /^[0-9]+$/;
const HEXADECIMAL = /^(?:0[xX])?([0-9a-fA-F]+)$/;

/** Parses a card cell in the chosen type; messages name the field and the value. */
export function parseCardNumber(text: string, type: CardIdType): Result<CardNumber, string> {
	const value = text.trim();
	const quoted = `Card ID "${value}"`;
	const excel = scientificNotationProblem(quoted, value);
	if (excel !== null) return fail(excel);
	let n: bigint;
	if (type === 'decimal') {
		if (!DECIMAL.test(value)) {
			const looksHex = HEXADECIMAL.test(value);
			return fail(
				`${quoted} is not a decimal number${looksHex ? ' — choose Hexadecimal if your cards are hex' : ' — use digits only'}`
			);
		}
		n = BigInt(value);
	} else {
		const m = HEXADECIMAL.exec(value);
		if (!m?.[1]) {
			return fail(`${quoted} is not a hexadecimal number — use 0–9 and A–F, optionally after 0x`);
		}
		n = BigInt(`0x${m[1]}`);
	}
	if (n === 0n) return fail(`${quoted} is zero — card numbers start at 1`);
	if (n > MAX_CARD_NUMBER) {
		return fail(
			`${quoted} is larger than 64 bits (the largest card number is ${formatCardNumber(String(MAX_CARD_NUMBER) as CardNumber, type)})`
		);
	}
	return ok(String(n) as CardNumber);
}

/**
 * A card as read from text: its key, with the form a CSN was written in (see `Card.enteredAs`)
 * or the Wiegand credential it stands for.
 */
export type EnteredCardNumber = Pick<Card, 'number' | 'enteredAs' | 'wiegand'>;

/**
 * Parses a card cell like `parseCardNumber` and keeps how it was written. The form is left out
 * when it is the canonical decimal itself, so the common case stores nothing more.
 */
export function readCardNumber(text: string, type: CardIdType): Result<EnteredCardNumber, string> {
	const parsed = parseCardNumber(text, type);
	if (!parsed.ok) return parsed;
	const value = text.trim();
	const digits = type === 'decimal' ? value : value.replace(/^0[xX]/, '').toUpperCase();
	if (type === 'decimal' && digits === parsed.value) return ok({ number: parsed.value });
	return ok({ number: parsed.value, enteredAs: { type, digits } });
}

/**
 * The one way a card is shown — lists, the user page, print, files and every message: a Wiegand
 * card by its parts (`FC 17 · 1037`), a CSN as it was entered, else (cards stored before forms
 * were kept, or a form that does not match the number) as its decimal value.
 */
export function showCardNumber(card: EnteredCardNumber): string {
	if (card.wiegand && isConsistent(card.number, card.wiegand)) return showWiegand(card.wiegand);
	const form: CardForm | undefined = card.enteredAs;
	if (!form) return card.number;
	const read = parseCardNumber(form.digits, form.type);
	return read.ok && read.value === card.number ? form.digits : card.number;
}

/**
 * A canonical number's digits in a type (hex: upper case, no 0x, no padding): what search
 * matches either way. Screens show cards with `showCardNumber`.
 */
export function formatCardNumber(n: CardNumber, type: CardIdType): string {
	return type === 'decimal' ? n : BigInt(n).toString(16).toUpperCase();
}

/**
 * Every card number a search term could mean: `1234` may be decimal or hex, `0x1A`/`1A` only hex.
 * Decimal first, duplicates removed; invalid input gives none.
 */
export function cardNumberFromAnyInput(text: string): CardNumber[] {
	const found: CardNumber[] = [];
	for (const type of ['decimal', 'hexadecimal'] as const) {
		const parsed = parseCardNumber(text, type);
		if (parsed.ok && !found.includes(parsed.value)) found.push(parsed.value);
	}
	return found;
}

/**
 * What a search of users and cards matches (the Users and Cards lists), as pure rules.
 *
 * Text is compared folded: NFD, combining marks removed, lower case — so `zoe`, `Zoë` typed in
 * NFC and `Zoë` from a file in NFD are the same word. Folding drops every mark, which can also
 * merge words of scripts that write vowels as marks; a search finding a few rows too many is the
 * safe side of that trade.
 *
 * Text is split into words at spaces and `- _ . , ' ’ ( ) / @ : ·`, all alike, so `o'brien` finds
 * `O’Brien` as a word processor writes it. A term (the query split at spaces) matches a field
 * when its own words, split the same way, are consecutive words of that one field, each complete
 * except the last, which only has to start its word: `o'b`, `park-lee`, `park@x.org` and `x.org`
 * match as typed, `lee-park` and `pa-lee` do not. A term ending in a break (`jr.`, `o'`) wants
 * its last word complete. So any text typed as it is stored, from the start of one of its words,
 * matches; breaks inside the term only say where words end, not which break it was.
 *
 * The record's code (the User ID) is one word matched from its start as it is written (`e-2`
 * finds `E-200`, `200` does not): IDs are codes, not names. Card numbers match by their decimal
 * start, and by their hex start for terms written like hex; stored numbers have no leading zeros,
 * so terms drop theirs. A Wiegand card is found by the words of its parts (`wiegandSearchWords`:
 * `FC 17 1037`), so `17/1037`, `17:1037`, `FC 17 · 1037` and `FC 17` find it; its key is no number
 * an admin types and is left out of the card numbers. A query written like a phone number (`7946 0004`, `+44 (20) 7946`) also
 * matches a record whose phone digits hold its digits anywhere: people remember the local part
 * of a number, not its country and area codes.
 *
 * Each record's text is prepared once per data load (`searchText`, `cardNumbersText`, the phone's
 * digits as they are), and a query is parsed into the substrings (needles) those texts must contain
 * (`parseQuery`). `matches` is the rule for one record; `SearchIndex` finds the same records in a
 * whole list without visiting each.
 */
import { formatCardNumber } from './card-number';
import { isPhoneShaped, phoneDigitsOf } from './field-rules';
import type { CardNumber } from './model';
import { isWiegandKey } from './wiegand';

const WORD_BREAK = /[\s\-_.,'’()/@:·]+/u;
const MARKS = /\p{M}+/gu;
/** Lower case turns Σ into ς at the end of a word, so a prefix could fold unlike the whole. */
const FINAL_SIGMA = /ς/gu;
/** Text with no character outside ASCII needs no Unicode normalisation (most names and IDs). */
const NOT_ASCII = /[\u0080-\uffff]/;

// The prepared text: the code, then each field as WORD + word for each of its words, each of
// them followed by FIELD. A needle is WORD + its words joined by WORD, so it can only begin at a
// word start and never runs from one field into the next (FIELD is whitespace, which a term never
// holds); a complete word is followed by WORD or FIELD.
export const WORD = '\n';
const FIELD = '\t';
// Card numbers: DECIMAL + number, then HEX + its hex digits; neither marker is a hex digit.
export const DECIMAL = '#';
export const HEX = 'x';

/** Folded text: canonical decomposition, no combining marks, lower case. */
export function fold(text: string): string {
	if (!NOT_ASCII.test(text)) return text.toLowerCase();
	return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(FINAL_SIGMA, 'σ');
}

/** The words of folded text, without the empty strings around leading or trailing breaks. */
export function wordsOf(text: string): string[] {
	return fold(text)
		.split(WORD_BREAK)
		.filter((word) => word !== '');
}

/** A record's prepared search text: its code, then the words of each field, fields kept apart. */
export function searchText(code: string, fields: readonly (string | undefined)[]): string {
	const parts = [fold(code), FIELD];
	for (const field of fields) {
		if (!field) continue;
		let empty = true;
		for (const word of fold(field).split(WORD_BREAK)) {
			if (word === '') continue;
			parts.push(WORD, word);
			empty = false;
		}
		if (!empty) parts.push(FIELD);
	}
	return parts.join('');
}

/** The CSN numbers of a record, decimal and hex, prepared for search ('' when it has none). */
export function cardNumbersText(numbers: readonly CardNumber[]): string {
	const parts: string[] = [];
	for (const n of numbers) {
		if (isWiegandKey(n)) continue;
		parts.push(DECIMAL, n, HEX, formatCardNumber(n, 'hexadecimal').toLowerCase());
	}
	return parts.join('');
}

/** What one term of a query matches; every needle but `code` starts with its marker. */
export interface Term {
	/** Matches the start of the code. */
	code: string;
	/** Matches consecutive words of one field; ends in WORD when the last word must be complete. */
	words: string;
	/** The same words complete at the end of the field (ending in FIELD), or null. */
	wordsAtEnd: string | null;
	decimal: string | null;
	hex: string | null;
}

/** A parsed query: every term must match, unless the phone digits hold the phone needle. */
export interface Query {
	/** The digits of a query written like a phone number (at least PHONE_MIN_SEARCH_DIGITS), or null. */
	phone: string | null;
	terms: Term[];
}

const withoutLeadingZeros = (digits: string): string => digits.replace(/^0+/, '') || '0';

function termOf(text: string): Term | null {
	const parts = text.split(WORD_BREAK);
	// A leading break only separates the term from a word before it, which is not asked for.
	if (parts[0] === '') parts.shift();
	if (parts.length === 0 || parts[0] === '') return null;
	// A trailing break leaves '' last: the needle then ends in WORD, and a second one in FIELD.
	const words = `${WORD}${parts.join(WORD)}`;
	const complete = words.endsWith(WORD);
	const decimal = /^[0-9]+$/.test(text) ? `${DECIMAL}${withoutLeadingZeros(text)}` : null;
	const hexDigits = /^(?:0x)?([0-9a-f]+)$/.exec(text)?.[1];
	// Letters alone (`ff`, `bead`) are words unless written with 0x: as hex they would match
	// every card from 0xF… and swamp name searches.
	const hex =
		hexDigits && (text.startsWith('0x') || /[0-9]/.test(text))
			? `${HEX}${withoutLeadingZeros(hexDigits)}`
			: null;
	return {
		code: text,
		words,
		wordsAtEnd: complete ? `${words.slice(0, -WORD.length)}${FIELD}` : null,
		decimal,
		hex
	};
}

/** How short a phone-shaped query may be before it would match nearly everyone. */
export const PHONE_MIN_SEARCH_DIGITS = 3;

/**
 * Parses a query: every term must match the code, a field or a card number; a query written like
 * a phone number (`+1 (555) 01`) also matches a record whose phone digits hold its digits. `null`
 * when the query has no terms, i.e. everything matches. Terms hold no whitespace, so no needle
 * holds any but WORD and FIELD, in their places.
 */
export function parseQuery(query: string): Query | null {
	const terms: Term[] = [];
	for (const part of fold(query).split(/\s+/u)) {
		const term = part === '' ? null : termOf(part);
		if (term) terms.push(term);
	}
	if (terms.length === 0) return null;
	const phoneDigits = isPhoneShaped(query.trim()) ? phoneDigitsOf(query) : '';
	const phone = phoneDigits.length >= PHONE_MIN_SEARCH_DIGITS ? phoneDigits : null;
	return { phone, terms };
}

/**
 * Whether a record's prepared texts (and its phone digits, '' when it has none) match the query:
 * the rule `SearchIndex` must agree with.
 */
export function matches(query: Query, text: string, cards: string, phone = ''): boolean {
	if (query.phone !== null && phone.includes(query.phone)) return true;
	return query.terms.every(
		(term) =>
			text.includes(term.words) ||
			text.startsWith(term.code) ||
			(term.wordsAtEnd !== null && text.includes(term.wordsAtEnd)) ||
			(term.decimal !== null && cards.includes(term.decimal)) ||
			(term.hex !== null && cards.includes(term.hex))
	);
}

/**
 * The places in a long text where needles may start (word starts, record starts…), grouped by the
 * first characters found there (a few), so that a needle is compared only where its own first
 * characters are, not wherever its first character is: the one-character marker that starts most
 * search needles occurs every few characters, which makes `indexOf` over the whole text no faster
 * than a scan of every record.
 *
 * Characters are grouped into the classes of an alphabet. In `TEXT`, digits and a–z each have
 * their own class of 64 (folded search text is mostly those), every other character shares one of
 * the rest with others, and a key is up to three characters. In `DIGITS`, for texts of digits
 * (the phone digits), each digit has a class of its own of 11 and a key is up to five digits: with
 * three, every phone of one area code was a candidate for any number typed after it (a million
 * comparisons a keystroke at a million users). A needle no longer than the key and made of
 * unshared classes matches every place of its group and needs no comparison.
 */

export interface Alphabet {
	/** How many classes: a key of `n` characters is below `classes ** n`. */
	readonly classes: number;
	/** At most `classes ** maxKeyChars` groups: more would cost more memory than they save. */
	readonly maxKeyChars: number;
	/** The class of a character code; NaN (past the end of a text) is in a shared class. */
	classOf(code: number): number;
	/** Whether other characters share class `cls`. */
	shared(cls: number): boolean;
}

/** Classes 1–10 are 0–9, 11–36 are a–z; the others are shared. */
const FIRST_SHARED = 37;

export const TEXT: Alphabet = {
	classes: 64,
	maxKeyChars: 3,
	classOf(code) {
		if (code >= 48 && code <= 57) return code - 47;
		if (code >= 97 && code <= 122) return code - 86;
		return FIRST_SHARED + ((code | 0) % (64 - FIRST_SHARED));
	},
	shared: (cls) => cls >= FIRST_SHARED
};

/** Classes 1–10 are 0–9; every other character is class 0. */
export const DIGITS: Alphabet = {
	classes: 11,
	maxKeyChars: 5,
	classOf: (code) => (code >= 48 && code <= 57 ? code - 47 : 0),
	shared: (cls) => cls === 0
};

/**
 * The key of the place `at` of `text`: the classes of its first `chars` characters. Characters
 * past the end count as one of the shared classes.
 */
export function keyAt(text: string, at: number, chars: number, alphabet: Alphabet = TEXT): number {
	let key = 0;
	for (let i = 0; i < chars; i += 1) {
		key = key * alphabet.classes + alphabet.classOf(text.charCodeAt(at + i));
	}
	return key;
}

/**
 * How many characters group the places: no more groups than places, so that a small list (the
 * first rows, shown while the rest loads) is not slowed by counting 262 144 empty groups.
 */
function keyCharsFor(places: number, alphabet: Alphabet): number {
	let chars = 1;
	while (chars < alphabet.maxKeyChars && alphabet.classes ** (chars + 1) <= places) chars += 1;
	return chars;
}

/** Where in `places` a needle may start: `[start, end)`, and whether every one of them matches. */
export interface Candidates {
	start: number;
	end: number;
	/** True when the needle matches at every candidate without comparing. */
	exact: boolean;
}

export class PrefixTable {
	/** The places, grouped by key, each group in text order. */
	readonly places: Int32Array;
	readonly #alphabet: Alphabet;
	/** How many characters make a key. */
	readonly #chars: number;
	/** Group `key` is `places[bounds[key]]` up to `places[bounds[key + 1]]`. */
	readonly #bounds: Int32Array;

	private constructor(places: Int32Array, alphabet: Alphabet, chars: number, bounds: Int32Array) {
		this.places = places;
		this.#alphabet = alphabet;
		this.#chars = chars;
		this.#bounds = bounds;
	}

	/**
	 * Groups `places` (ascending) by their first characters: `keyOf(place, chars)` is `keyAt` (in
	 * the same alphabet) of the text the place is in, called once per place in order.
	 */
	static build(
		places: Int32Array,
		keyOf: (place: number, chars: number) => number,
		alphabet: Alphabet = TEXT
	): PrefixTable {
		const chars = keyCharsFor(places.length, alphabet);
		const keyCount = alphabet.classes ** chars;
		const keys = new Int32Array(places.length);
		const bounds = new Int32Array(keyCount + 1);
		for (let i = 0; i < places.length; i += 1) {
			const key = keyOf(places[i] ?? 0, chars);
			keys[i] = key;
			bounds[key + 1] = (bounds[key + 1] ?? 0) + 1;
		}
		for (let key = 0; key < keyCount; key += 1) {
			bounds[key + 1] = (bounds[key + 1] ?? 0) + (bounds[key] ?? 0);
		}
		// A counting sort: stable, so each group stays in text order.
		const next = bounds.slice(0, keyCount);
		const grouped = new Int32Array(places.length);
		for (let i = 0; i < places.length; i += 1) {
			const key = keys[i] ?? 0;
			const at = next[key] ?? 0;
			grouped[at] = places[i] ?? 0;
			next[key] = at + 1;
		}
		return new PrefixTable(grouped, alphabet, chars, bounds);
	}

	/** The places where `needle` may start: those whose first characters are in its classes. */
	candidates(needle: string): Candidates {
		const alphabet = this.#alphabet;
		const chars = this.#chars;
		const known = Math.min(needle.length, chars);
		let key = 0;
		let exact = needle.length <= chars;
		for (let i = 0; i < known; i += 1) {
			const cls = alphabet.classOf(needle.charCodeAt(i));
			if (alphabet.shared(cls)) exact = false;
			key = key * alphabet.classes + cls;
		}
		// The groups sharing the known characters are consecutive keys.
		const width = alphabet.classes ** (chars - known);
		key *= width;
		return {
			start: this.#bounds[key] ?? 0,
			end: this.#bounds[key + width] ?? 0,
			exact
		};
	}
}

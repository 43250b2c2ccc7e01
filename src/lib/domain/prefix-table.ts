/**
 * The places in a long text where needles may start (word starts, record starts…), grouped by the
 * first characters found there (up to three), so that a needle is compared only where its own
 * first characters are, not wherever its first character is: the one-character marker that
 * starts most search needles occurs every few characters, which makes `indexOf` over the whole
 * text no faster than a scan of every record.
 *
 * Characters are grouped into 64 classes: digits and a–z each have their own (folded search text
 * is mostly those), every other character shares one of the rest with others. A needle no longer
 * than the key (three characters in a big table) made of such characters therefore matches every
 * place of its group and needs no comparison.
 */

const CLASS_BITS = 6;
const CLASSES = 1 << CLASS_BITS;
/** Classes 1–10 are 0–9, 11–36 are a–z; the others are shared. */
const FIRST_SHARED = 37;
/** At most 64³ groups: more would cost more memory than they save comparisons. */
const MAX_KEY_CHARS = 3;

function classOf(code: number): number {
	if (code >= 48 && code <= 57) return code - 47;
	if (code >= 97 && code <= 122) return code - 86;
	return FIRST_SHARED + (code % (CLASSES - FIRST_SHARED));
}

/**
 * The key of the place `at` of `text`: the classes of its first `chars` characters. Characters
 * past the end count as one of the shared classes.
 */
export function keyAt(text: string, at: number, chars: number): number {
	let key = 0;
	for (let i = 0; i < chars; i += 1) {
		key = (key << CLASS_BITS) | classOf(text.charCodeAt(at + i) | 0);
	}
	return key;
}

/**
 * How many characters group the places: no more groups than places, so that a small list (the
 * first rows, shown while the rest loads) is not slowed by counting 262 144 empty groups.
 */
function keyCharsFor(places: number): number {
	let chars = 1;
	while (chars < MAX_KEY_CHARS && CLASSES ** (chars + 1) <= places) chars += 1;
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
	/** How many characters make a key. */
	readonly #chars: number;
	/** Group `key` is `places[bounds[key]]` up to `places[bounds[key + 1]]`. */
	readonly #bounds: Int32Array;

	private constructor(places: Int32Array, chars: number, bounds: Int32Array) {
		this.places = places;
		this.#chars = chars;
		this.#bounds = bounds;
	}

	/**
	 * Groups `places` (ascending) by their first characters: `keyOf(place, chars)` is `keyAt` of
	 * the text the place is in, called once per place in order.
	 */
	static build(places: Int32Array, keyOf: (place: number, chars: number) => number): PrefixTable {
		const chars = keyCharsFor(places.length);
		const keyCount = CLASSES ** chars;
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
		return new PrefixTable(grouped, chars, bounds);
	}

	/** The places where `needle` may start: those whose first characters are in its classes. */
	candidates(needle: string): Candidates {
		const chars = this.#chars;
		const known = Math.min(needle.length, chars);
		let key = 0;
		let exact = needle.length <= chars;
		for (let i = 0; i < known; i += 1) {
			const cls = classOf(needle.charCodeAt(i));
			if (cls >= FIRST_SHARED) exact = false;
			key = (key << CLASS_BITS) | cls;
		}
		// The groups sharing the known characters are consecutive keys.
		const width = CLASSES ** (chars - known);
		key *= width;
		return {
			start: this.#bounds[key] ?? 0,
			end: this.#bounds[key + width] ?? 0,
			exact
		};
	}
}

/**
 * Finds the records of a list that a query matches (the rule is `matches` in `search-terms`)
 * without visiting each record: at a million users a scan of every record's text took 200 ms a
 * keystroke.
 *
 * Built once per data load: each kind of prepared text (`searchText`, `cardNumbersText`, the phone
 * digits) of every record is joined (`JoinedText`), and every place a needle can start — after a
 * WORD, a DECIMAL or a HEX marker, at a record's start for the code, anywhere in the phone digits
 * that leaves room for the shortest phone query — is listed in a `PrefixTable`. A term then visits
 * only the places that start like it, and marks their records. The phone digits cost most places
 * per character (about ten a user), but only phones have them: names, emails, departments and titles
 * are found by their word starts. The records a query matches are marked in a bitmap as they are
 * found, so a keystroke reads the million records' levels once (to clear them), not three times.
 */
import { JoinedText, JoinedTextBuilder } from './joined-text';
import { DIGITS, PrefixTable } from './prefix-table';
import { DECIMAL, HEX, PHONE_MIN_SEARCH_DIGITS, WORD, type Query, type Term } from './search-terms';

/**
 * The record holding position `at`. Places of one group come in text order, so this gallops
 * forward from the previous answer, `from`, and only searches from the start when `at` is behind.
 */
function recordAt(starts: Int32Array, at: number, from: number): number {
	const last = starts.length - 1;
	if ((starts[from] ?? 0) <= at && at < (starts[from + 1] ?? 0)) return from;
	let low = (starts[from] ?? 0) <= at ? from : 0;
	let high = low + 1;
	let step = 1;
	while (high < last && (starts[high] ?? 0) <= at) {
		low = high;
		step *= 2;
		high = low + step;
	}
	if (high > last) high = last;
	while (high - low > 1) {
		const mid = (low + high) >>> 1;
		if ((starts[mid] ?? 0) <= at) low = mid;
		else high = mid;
	}
	return low;
}

/** A needle without the marker it starts with: the places of a marker's table are after it. */
const afterMarker = (needle: string): string => needle.slice(1);

/** A record matching the query by its phone digits: it needs no term. */
const BY_PHONE = -1;

export class SearchIndex {
	readonly #text: JoinedText;
	readonly #cards: JoinedText;
	readonly #phones: JoinedText;
	readonly #words: PrefixTable;
	readonly #codes: PrefixTable;
	readonly #decimal: PrefixTable;
	readonly #hex: PrefixTable;
	readonly #phoneRuns: PrefixTable;
	/** Per record, how many terms of the query being run it has matched so far, or BY_PHONE. */
	readonly #level: Int32Array;
	/** Per record, one bit: matched by the query being run. */
	readonly #found: Uint32Array;
	/** How many bits of `#found` are set, and the level that sets one besides BY_PHONE. */
	#count = 0;
	#goal = 0;

	/** See `SearchIndexBuilder`. */
	constructor(text: JoinedText, cards: JoinedText, phones: JoinedText) {
		if (text.size !== cards.size) throw new RangeError('One card text per record');
		if (text.size !== phones.size) throw new RangeError('One phone text per record');
		this.#text = text;
		this.#cards = cards;
		this.#phones = phones;
		this.#words = PrefixTable.build(text.placesAfter(WORD), text.keys());
		this.#codes = PrefixTable.build(text.starts.subarray(0, -1), text.keys());
		this.#decimal = PrefixTable.build(cards.placesAfter(DECIMAL), cards.keys());
		this.#hex = PrefixTable.build(cards.placesAfter(HEX), cards.keys());
		this.#phoneRuns = PrefixTable.build(
			phones.placesWithin(PHONE_MIN_SEARCH_DIGITS),
			phones.keys(DIGITS),
			DIGITS
		);
		this.#level = new Int32Array(text.size);
		this.#found = new Uint32Array((text.size + 31) >>> 5);
	}

	get size(): number {
		return this.#text.size;
	}

	/** The texts record `record` was indexed with. */
	prepared(record: number): { text: string; cards: string; phone: string } {
		return {
			text: this.#text.slice(record),
			cards: this.#cards.slice(record),
			phone: this.#phones.slice(record)
		};
	}

	/** The records matching `query`, in the order of `order` (every record number once) or else by number. */
	search(query: Query, order: Int32Array | null = null): Int32Array {
		const terms = query.terms;
		if (terms.length === 0) return this.#every(order);
		this.#level.fill(0);
		this.#found.fill(0);
		this.#count = 0;
		this.#goal = terms.length;
		if (query.phone !== null) {
			this.#mark(this.#phones, this.#phoneRuns, query.phone, 0, BY_PHONE);
		}
		const size = this.#level.length;
		// Once every record is found by its phone, the terms cannot add one.
		for (let k = 0; k < terms.length && this.#count < size; k += 1) {
			// Once no record has every term so far, no later term can add one.
			if (this.#markTerm(terms[k]!, k) === 0) break;
		}
		if (this.#count === size) return this.#every(order);
		return order ? this.#foundIn(order) : this.#foundByNumber();
	}

	/** Every record, in the order of `order` or else by number. */
	#every(order: Int32Array | null): Int32Array {
		return order ? order.slice() : Int32Array.from(this.#level.keys());
	}

	/** The found records by number: the set bits, word by word. */
	#foundByNumber(): Int32Array {
		const bits = this.#found;
		const out = new Int32Array(this.#count);
		let at = 0;
		for (let word = 0; word < bits.length && at < out.length; word += 1) {
			let rest = bits[word] ?? 0;
			while (rest !== 0) {
				const lowest = rest & -rest;
				out[at] = (word << 5) + 31 - Math.clz32(lowest);
				at += 1;
				rest ^= lowest;
			}
		}
		return out;
	}

	/** The found records in the order of `order`. */
	#foundIn(order: Int32Array): Int32Array {
		const bits = this.#found;
		const out = new Int32Array(this.#count);
		let at = 0;
		for (let i = 0; i < order.length && at < out.length; i += 1) {
			const record = order[i] ?? 0;
			if (((bits[record >>> 5] ?? 0) & (1 << (record & 31))) !== 0) {
				out[at] = record;
				at += 1;
			}
		}
		return out;
	}

	/** Marks the records that matched the terms before term `k` and match it too; counts them. */
	#markTerm(term: Term, k: number): number {
		const text = this.#text;
		const cards = this.#cards;
		let marked = this.#mark(text, this.#words, afterMarker(term.words), k, k + 1);
		marked += this.#mark(text, this.#codes, term.code, k, k + 1);
		if (term.wordsAtEnd !== null) {
			marked += this.#mark(text, this.#words, afterMarker(term.wordsAtEnd), k, k + 1);
		}
		if (term.decimal !== null) {
			marked += this.#mark(cards, this.#decimal, afterMarker(term.decimal), k, k + 1);
		}
		if (term.hex !== null) {
			marked += this.#mark(cards, this.#hex, afterMarker(term.hex), k, k + 1);
		}
		return marked;
	}

	/**
	 * Moves each record at level `from` that holds `needle` at one of the places of `table` to
	 * level `to`; counts them.
	 */
	#mark(joined: JoinedText, table: PrefixTable, needle: string, from: number, to: number): number {
		const { start, end, exact } = table.candidates(needle);
		const starts = joined.starts;
		const places = table.places;
		const level = this.#level;
		const found = this.#found;
		// A record moved to this level is found: by its phone, or by the query's last term.
		const finds = to === BY_PHONE || to === this.#goal;
		let record = 0;
		let marked = 0;
		for (let i = start; i < end; i += 1) {
			const at = places[i] ?? 0;
			record = recordAt(starts, at, record);
			if (level[record] !== from) continue;
			if (!exact && !joined.holds(record, needle, at)) continue;
			level[record] = to;
			marked += 1;
			if (finds) found[record >>> 5] = (found[record >>> 5] ?? 0) | (1 << (record & 31));
		}
		if (finds) this.#count += marked;
		return marked;
	}
}

/** Gathers the prepared texts of a list's records, in order, for a `SearchIndex`. */
export class SearchIndexBuilder {
	readonly #text = new JoinedTextBuilder();
	readonly #cards = new JoinedTextBuilder();
	readonly #phones = new JoinedTextBuilder();

	/** Adds the next record: its `searchText`, its `cardNumbersText` and its phone digits. */
	add(text: string, cards: string, phone = ''): void {
		this.#text.add(text);
		this.#cards.add(cards);
		this.#phones.add(phone);
	}

	build(): SearchIndex {
		return new SearchIndex(this.#text.build(), this.#cards.build(), this.#phones.build());
	}
}

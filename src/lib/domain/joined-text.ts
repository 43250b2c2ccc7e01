/**
 * One kind of prepared search text of every record of a list, joined, with where each record
 * starts: positions count the whole list as one text, records apart by RECORD.
 *
 * The text is kept as chunks of CHUNK_RECORDS records, each joined as soon as it is complete:
 * the texts of single records then die young instead of a million of them outliving the build,
 * and one name in a script beyond Latin-1 makes only its own chunk two bytes a character, not the
 * whole list. Chunks hold whole records, so a needle, which never holds RECORD, is always found
 * within one chunk.
 */
import { TEXT, keyAt, type Alphabet } from './prefix-table';

/** Between records: whitespace, which no term holds, so no needle runs from one into the next. */
export const RECORD = '\r';
const CHUNK_BITS = 10;
const CHUNK_RECORDS = 1 << CHUNK_BITS;

export class JoinedText {
	readonly #chunks: readonly string[];
	/** Record `r` starts at `starts[r]`; the last entry lies past the end. */
	readonly starts: Int32Array;

	constructor(chunks: readonly string[], starts: Int32Array) {
		this.#chunks = chunks;
		this.starts = starts;
	}

	get size(): number {
		return this.starts.length - 1;
	}

	/** The text of `record`. */
	slice(record: number): string {
		const chunk = record >>> CHUNK_BITS;
		const base = this.#chunkStart(chunk);
		const end = (this.starts[record + 1] ?? 0) - RECORD.length;
		return (this.#chunks[chunk] ?? '').slice((this.starts[record] ?? 0) - base, end - base);
	}

	/** Whether the text of `record` holds `needle` at `at`. */
	holds(record: number, needle: string, at: number): boolean {
		const chunk = record >>> CHUNK_BITS;
		return (this.#chunks[chunk] ?? '').startsWith(needle, at - this.#chunkStart(chunk));
	}

	/** The position after each `marker`, ascending. */
	placesAfter(marker: string): Int32Array {
		const code = marker.charCodeAt(0);
		let places = new Int32Array(16 + ((this.starts[this.size] ?? 0) >> 3));
		let count = 0;
		this.#chunks.forEach((chunk, c) => {
			const base = this.#chunkStart(c) + 1;
			for (let i = 0; i < chunk.length; i += 1) {
				if (chunk.charCodeAt(i) !== code) continue;
				if (count === places.length) {
					const grown = new Int32Array(count * 2);
					grown.set(places);
					places = grown;
				}
				places[count] = base + i;
				count += 1;
			}
		});
		return places.subarray(0, count);
	}

	/**
	 * Every position followed by at least `min` characters of its own record, ascending: where a
	 * needle of `min` or more characters can be found anywhere in a record, not only at a marker.
	 */
	placesWithin(min: number): Int32Array {
		const starts = this.starts;
		const placesIn = (record: number): number =>
			Math.max(0, (starts[record + 1] ?? 0) - RECORD.length - (starts[record] ?? 0) - min + 1);
		let count = 0;
		for (let record = 0; record < this.size; record += 1) count += placesIn(record);
		const places = new Int32Array(count);
		let at = 0;
		for (let record = 0; record < this.size; record += 1) {
			const start = starts[record] ?? 0;
			const end = start + placesIn(record);
			for (let place = start; place < end; place += 1) {
				places[at] = place;
				at += 1;
			}
		}
		return places;
	}

	/** `keyAt` for ascending places, as `PrefixTable.build` asks for them. */
	keys(alphabet: Alphabet = TEXT): (place: number, chars: number) => number {
		let chunk = 0;
		return (place, chars) => {
			while (place >= this.#chunkStart(chunk + 1)) chunk += 1;
			return keyAt(this.#chunks[chunk] ?? '', place - this.#chunkStart(chunk), chars, alphabet);
		};
	}

	/** Where chunk `chunk` starts; past the last one, the end. */
	#chunkStart(chunk: number): number {
		return this.starts[Math.min(chunk << CHUNK_BITS, this.size)] ?? 0;
	}
}

/** Joins record texts into a `JoinedText`, one record at a time. */
export class JoinedTextBuilder {
	readonly #chunks: string[] = [];
	#pending: string[] = [];
	#starts = new Int32Array(CHUNK_RECORDS);
	#count = 0;
	#length = 0;

	add(text: string): void {
		if (this.#count === this.#starts.length) {
			const grown = new Int32Array(this.#count * 2);
			grown.set(this.#starts);
			this.#starts = grown;
		}
		this.#starts[this.#count] = this.#length;
		this.#count += 1;
		this.#length += text.length + RECORD.length;
		this.#pending.push(text);
		if (this.#pending.length === CHUNK_RECORDS) this.#flush();
	}

	build(): JoinedText {
		this.#flush();
		const starts = new Int32Array(this.#count + 1);
		starts.set(this.#starts.subarray(0, this.#count));
		starts[this.#count] = this.#length;
		return new JoinedText(this.#chunks, starts);
	}

	#flush(): void {
		if (this.#pending.length === 0) return;
		this.#chunks.push(this.#pending.join(RECORD));
		this.#pending = [];
	}
}

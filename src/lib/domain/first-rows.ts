/**
 * Which row first used a key, for every key of a file: the memory of the in-file uniqueness rule.
 *
 * A Map of strings costs about 45 bytes a key on the heap, and a million-row file has four keys a
 * row. Here a key is kept only as a 64-bit fingerprint, outside the garbage-collected heap: an
 * open-addressed table of row numbers (4 bytes a slot) finds the row, and the fingerprint of each
 * row's key is kept by row number (8 bytes a row) in pages made when first written. About 16
 * bytes a key at a million keys, and a growth copies only the row numbers.
 *
 * Rows must be added in increasing order, one key each, as a file is read: that is what lets a
 * row number say where its fingerprint is.
 *
 * The price is that two different keys with the same 64-bit fingerprint would count as the same
 * key. For a million keys of one field the chance is about n² / 2⁶⁵ ≈ 3 × 10⁻⁸: about once in
 * thirty million such imports, and the row it fails names the row it is said to repeat, so the
 * admin can see the mistake.
 */
export class FirstRows {
	/** The row whose key hashes here (linear probing); 0 marks an empty slot: rows start at 1. */
	#slots = new Int32Array(INITIAL_SLOTS);
	/** Page `p` holds rows p·PAGE_ROWS … as [high, low] fingerprint pairs; unwritten pages are absent. */
	#pages: (Int32Array | undefined)[] = [];
	#lastRow = 0;
	#size = 0;

	get size(): number {
		return this.#size;
	}

	/** The row that first used `key`, or undefined. */
	get(key: string): number | undefined {
		const [high, low] = fingerprint(key);
		const row = this.#slots[this.#slotOf(high, low)] ?? 0;
		return row === 0 ? undefined : row;
	}

	/** Remembers `row` as the first user of `key`, unless a row already is. */
	add(key: string, row: number): void {
		if (!Number.isInteger(row) || row < 1) throw new RangeError(`Row ${row} is not a row number`);
		if (row <= this.#lastRow) {
			throw new RangeError(`Row ${row} is added after row ${this.#lastRow}: rows must increase`);
		}
		this.#lastRow = row;
		const [high, low] = fingerprint(key);
		const slot = this.#slotOf(high, low);
		if (this.#slots[slot] !== 0) return;
		const page = (this.#pages[row >>> PAGE_BITS] ??= new Int32Array(2 * PAGE_ROWS));
		const at = 2 * (row & (PAGE_ROWS - 1));
		page[at] = high;
		page[at + 1] = low;
		this.#slots[slot] = row;
		this.#size += 1;
		if (this.#size > this.#slots.length * MAX_LOAD) this.#grow();
	}

	/**
	 * Forgets every key and frees the memory at once: a million-row file's four tables hold 64 MB,
	 * which the collector may otherwise leave in place while the next run builds its own.
	 */
	release(): void {
		freeNow(this.#slots, ...this.#pages.filter((page) => page !== undefined));
		this.#slots = new Int32Array(INITIAL_SLOTS);
		this.#pages = [];
		this.#lastRow = 0;
		this.#size = 0;
	}

	/** The slot holding this fingerprint, or the empty slot where it belongs. */
	#slotOf(high: number, low: number): number {
		const slots = this.#slots;
		const mask = slots.length - 1;
		let slot = low & mask;
		for (;;) {
			const row = slots[slot] ?? 0;
			if (row === 0) return slot;
			const page = this.#pages[row >>> PAGE_BITS];
			const at = 2 * (row & (PAGE_ROWS - 1));
			if (page?.[at] === high && page[at + 1] === low) return slot;
			slot = (slot + 1) & mask;
		}
	}

	#grow(): void {
		const old = this.#slots;
		const slots = new Int32Array(old.length * 2);
		const mask = slots.length - 1;
		for (const row of old) {
			if (row === 0) continue;
			// Every key is distinct: it goes to the first empty slot from its home.
			const low = this.#pages[row >>> PAGE_BITS]?.[2 * (row & (PAGE_ROWS - 1)) + 1] ?? 0;
			let slot = low & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = row;
		}
		this.#slots = slots;
		// The four tables of a file grow at the same row: their old slots would otherwise add up.
		freeNow(old);
	}
}

const INITIAL_SLOTS = 1024;
const MAX_LOAD = 0.75;
/** Rows per page of fingerprints: 512 KB a page. */
const PAGE_BITS = 16;
const PAGE_ROWS = 1 << PAGE_BITS;

/**
 * Frees the memory of typed arrays now, by transferring their buffers to empty ones (ES2024,
 * which browsers have; Node 20 does not, and there the collector frees them as before).
 */
function freeNow(...arrays: Int32Array[]): void {
	for (const { buffer } of arrays) {
		if ('transfer' in buffer && typeof buffer.transfer === 'function') buffer.transfer(0);
	}
}

/**
 * A 64-bit fingerprint of a string as two 32-bit halves: two multiply-xor lanes over its UTF-16
 * code units, each finally mixed with the other (the cyrb53 construction, kept at 64 bits).
 */
export function fingerprint(key: string): [number, number] {
	let h1 = 0xdeadbeef ^ key.length;
	let h2 = 0x41c6ce57 ^ key.length;
	for (let i = 0; i < key.length; i += 1) {
		const unit = key.charCodeAt(i);
		h1 = Math.imul(h1 ^ unit, 2654435761);
		h2 = Math.imul(h2 ^ unit, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return [h1 | 0, h2 | 0];
}

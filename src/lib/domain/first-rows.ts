/**
 * Which row first used a key, for every key of a file: the memory of the in-file uniqueness rule.
 *
 * A Map of strings costs about 45 bytes a key on the heap, and a million-row file has four keys a
 * row. Here a key is kept only as a 64-bit fingerprint in an open-addressed table of typed arrays:
 * 12 bytes a slot, 16–32 bytes a key, outside the garbage-collected heap.
 *
 * The price is that two different keys with the same 64-bit fingerprint would count as the same
 * key. For a million keys of one field the chance is about n² / 2⁶⁵ ≈ 3 × 10⁻⁸: about once in
 * thirty million such imports, and the row it fails names the row it is said to repeat, so the
 * admin can see the mistake.
 */
export class FirstRows {
	#high = new Int32Array(INITIAL_SLOTS);
	#low = new Int32Array(INITIAL_SLOTS);
	/** 0 marks an empty slot: row numbers start at 1. */
	#rows = new Int32Array(INITIAL_SLOTS);
	#size = 0;

	get size(): number {
		return this.#size;
	}

	/** The row that first used `key`, or undefined. */
	get(key: string): number | undefined {
		const [high, low] = fingerprint(key);
		const row = this.#rows[this.#slotOf(high, low)] ?? 0;
		return row === 0 ? undefined : row;
	}

	/** Remembers `row` as the first user of `key`, unless a row already is. */
	add(key: string, row: number): void {
		if (!Number.isInteger(row) || row < 1) throw new RangeError(`Row ${row} is not a row number`);
		const [high, low] = fingerprint(key);
		const slot = this.#slotOf(high, low);
		if (this.#rows[slot] !== 0) return;
		this.#high[slot] = high;
		this.#low[slot] = low;
		this.#rows[slot] = row;
		this.#size += 1;
		if (this.#size > this.#rows.length * MAX_LOAD) this.#grow();
	}

	/** The slot holding this fingerprint, or the empty slot where it belongs (linear probing). */
	#slotOf(high: number, low: number): number {
		const mask = this.#rows.length - 1;
		let slot = low & mask;
		while (this.#rows[slot] !== 0 && (this.#high[slot] !== high || this.#low[slot] !== low)) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	#grow(): void {
		const high = this.#high;
		const low = this.#low;
		const rows = this.#rows;
		const slots = rows.length * 2;
		this.#high = new Int32Array(slots);
		this.#low = new Int32Array(slots);
		this.#rows = new Int32Array(slots);
		for (let old = 0; old < rows.length; old += 1) {
			const row = rows[old] ?? 0;
			if (row === 0) continue;
			const slot = this.#slotOf(high[old] ?? 0, low[old] ?? 0);
			this.#high[slot] = high[old] ?? 0;
			this.#low[slot] = low[old] ?? 0;
			this.#rows[slot] = row;
		}
	}
}

const INITIAL_SLOTS = 1024;
const MAX_LOAD = 0.75;

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

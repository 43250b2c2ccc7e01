/**
 * A growable table of small integers by index (a row number, or an entry number), `width` of them
 * an index, in pages of typed arrays made when first written: the memory of the in-file rules
 * stays off the garbage-collected heap (see first-rows.ts for why that matters at a million rows).
 * Unwritten slots read as 0.
 */
export class RowSlots {
	readonly #width: number;
	#pages: (Int32Array | undefined)[] = [];

	constructor(width: number) {
		this.#width = width;
	}

	get(index: number, slot = 0): number {
		return this.#pages[index >>> PAGE_BITS]?.[this.#at(index) + slot] ?? 0;
	}

	set(index: number, slot: number, value: number): void {
		const page = (this.#pages[index >>> PAGE_BITS] ??= new Int32Array(this.#width * PAGE_ROWS));
		page[this.#at(index) + slot] = value;
	}

	release(): void {
		this.#pages = [];
	}

	#at(index: number): number {
		return this.#width * (index & (PAGE_ROWS - 1));
	}
}

const PAGE_BITS = 14;
const PAGE_ROWS = 1 << PAGE_BITS;

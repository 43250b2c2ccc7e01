/**
 * A compact "might this key exist?" test over the keys the database held when a run started:
 * 32-bit hashes, sorted, searched by bisection. A key it says is absent is certainly absent, so
 * the chunk skips looking it up; one it says is present is looked up for real. A million keys
 * take 4 MB, and a first import into an empty database looks nothing up at all.
 */
export class KeyFilter {
	readonly #hashes: Uint32Array;

	private constructor(hashes: Uint32Array) {
		this.#hashes = hashes;
	}

	static of(keys: Iterable<string>): KeyFilter {
		const hashes: number[] = [];
		for (const key of keys) hashes.push(hash(key));
		return new KeyFilter(Uint32Array.from(hashes).sort());
	}

	/** Builds a filter from keys read page by page, so the keys themselves are never all held. */
	static async fromPages(pages: AsyncIterable<readonly string[]>): Promise<KeyFilter> {
		let hashes = new Uint32Array(0);
		for await (const page of pages) {
			const grown = new Uint32Array(hashes.length + page.length);
			grown.set(hashes);
			page.forEach((key, i) => (grown[hashes.length + i] = hash(key)));
			hashes = grown;
		}
		return new KeyFilter(hashes.sort());
	}

	get size(): number {
		return this.#hashes.length;
	}

	mightContain(key: string): boolean {
		const target = hash(key);
		let low = 0;
		let high = this.#hashes.length - 1;
		while (low <= high) {
			const mid = (low + high) >>> 1;
			const value = this.#hashes[mid] ?? 0;
			if (value === target) return true;
			if (value < target) low = mid + 1;
			else high = mid - 1;
		}
		return false;
	}

	/** The keys of `keys` that may exist; the others certainly do not. */
	keep<K extends string>(keys: readonly K[]): K[] {
		return this.#hashes.length === 0 ? [] : keys.filter((key) => this.mightContain(key));
	}
}

/** FNV-1a over UTF-16 code units: fast, and spread well enough for a filter. */
function hash(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i += 1) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

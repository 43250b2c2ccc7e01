import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyFilter } from './key-filter';

describe('KeyFilter', () => {
	it('never says a key it holds is absent', () => {
		fc.assert(
			fc.property(fc.array(fc.string()), (keys) => {
				const filter = KeyFilter.of(keys);
				expect(keys.every((key) => filter.mightContain(key))).toBe(true);
			})
		);
	});

	it('keeps only the keys that may exist, and none when it is empty', () => {
		const filter = KeyFilter.of(['a@x.org', 'b@x.org']);
		expect(filter.keep(['a@x.org', 'c@x.org'])).toEqual(['a@x.org']);
		expect(KeyFilter.of([]).keep(['a@x.org'])).toEqual([]);
	});

	it('is built page by page as from one list', async () => {
		const pages = (async function* () {
			yield await Promise.resolve(['1', '2']);
			yield await Promise.resolve(['3']);
		})();
		const filter = await KeyFilter.fromPages(pages);
		expect(filter.size).toBe(3);
		expect(['1', '2', '3'].every((key) => filter.mightContain(key))).toBe(true);
	});
});

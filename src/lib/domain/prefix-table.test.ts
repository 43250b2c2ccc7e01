import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGITS, PrefixTable, keyAt } from './prefix-table';

/** The table of `places` in one plain text. */
const tableOf = (text: string, places: Int32Array): PrefixTable =>
	PrefixTable.build(places, (place, chars) => keyAt(text, place, chars));

/** The places of `table` a needle's candidates cover. */
function candidatePlaces(table: PrefixTable, needle: string): number[] {
	const { start, end } = table.candidates(needle);
	return Array.from(table.places.subarray(start, end));
}

describe('PrefixTable', () => {
	const chars = fc.constantFrom('a', 'b', 'z', '0', '9', 'é', '李', '\n', '%', '\t', '#', '-', 'A');
	const textOf = (max: number): fc.Arbitrary<string> =>
		fc.array(chars, { maxLength: max }).map((list) => list.join(''));

	it('offers every place where a needle starts, and needs no check when it says exact', () => {
		fc.assert(
			fc.property(
				textOf(60),
				fc.array(fc.nat(), { maxLength: 20 }),
				textOf(5),
				(text, at, needle) => {
					const places = Int32Array.from(new Set(at.map((n) => n % (text.length + 1)))).sort();
					const table = tableOf(text, places);
					const offered = candidatePlaces(table, needle);
					for (const place of places) {
						if (text.startsWith(needle, place)) expect(offered).toContain(place);
					}
					if (table.candidates(needle).exact) {
						for (const place of offered) expect(text.startsWith(needle, place)).toBe(true);
					}
				}
			)
		);
	});

	it('groups a small table by fewer characters, each group in text order', () => {
		const table = tableOf('ab1 ab2 ab1 ac', Int32Array.from([0, 4, 8, 12]));
		expect(candidatePlaces(table, 'a')).toEqual([0, 4, 8, 12]);
		expect(candidatePlaces(table, 'ab1')).toEqual([0, 4, 8, 12]);
		expect(candidatePlaces(table, 'b')).toEqual([]);
		expect(table.candidates('a').exact).toBe(true);
		expect(table.candidates('ab').exact).toBe(false);
	});

	it('groups a big table by three characters, each group in text order', () => {
		const text = ` ${'ab1 ab2 ab1 ac '.repeat(65_536)}`;
		// Each 15 characters repeated hold four words, at 0, 4, 8 and 12; the text starts with a space.
		const places = Int32Array.from(
			{ length: 4 * 65_536 },
			(_, i) => 1 + 15 * (i >> 2) + 4 * (i & 3)
		);
		const table = tableOf(text, places);
		const starting = (prefix: string): number[] =>
			Array.from(places).filter((place) => text.startsWith(prefix, place));
		expect(candidatePlaces(table, 'ab1')).toEqual(starting('ab1'));
		expect(candidatePlaces(table, 'ab')).toEqual([...starting('ab1'), ...starting('ab2')]);
		expect(candidatePlaces(table, 'a')).toEqual([
			...starting('ab1'),
			...starting('ab2'),
			...starting('ac')
		]);
		expect(table.candidates('ab').exact).toBe(true);
		expect(table.candidates('ab1').exact).toBe(true);
		expect(table.candidates('ab1x').exact).toBe(false);
		expect(table.candidates('aé').exact).toBe(false);
	});

	it('groups digits by up to five, offering every place a run of digits starts', () => {
		const digits = fc.array(fc.constantFrom('0', '1', '5', '9'), { minLength: 1, maxLength: 7 });
		fc.assert(
			fc.property(fc.array(digits, { minLength: 1, maxLength: 40 }), digits, (runs, typed) => {
				const text = runs.map((run) => run.join('')).join('\r');
				const needle = typed.join('');
				const places = Int32Array.from(text, (_, place) => place);
				const table = PrefixTable.build(
					places,
					(place, chars) => keyAt(text, place, chars, DIGITS),
					DIGITS
				);
				const { start, end, exact } = table.candidates(needle);
				const offered = Array.from(table.places.subarray(start, end));
				const holding = Array.from(places).filter((place) => text.startsWith(needle, place));
				if (exact) expect(offered).toEqual(holding);
				else for (const place of holding) expect(offered).toContain(place);
			})
		);
		const text = '0123456789'.repeat(20_000);
		const big = PrefixTable.build(
			Int32Array.from(text, (_, place) => place),
			(place, chars) => keyAt(text, place, chars, DIGITS),
			DIGITS
		);
		expect(big.candidates('34567').exact).toBe(true);
		expect(big.candidates('345678').exact).toBe(false);
		expect(big.candidates('34567').end - big.candidates('34567').start).toBe(20_000);
	});
});

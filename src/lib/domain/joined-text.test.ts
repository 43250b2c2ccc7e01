import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JoinedTextBuilder, RECORD, type JoinedText } from './joined-text';
import { keyAt } from './prefix-table';

function joinedOf(texts: readonly string[]): JoinedText {
	const builder = new JoinedTextBuilder();
	for (const text of texts) builder.add(text);
	return builder.build();
}

// Enough records for several chunks, some of them empty, some beyond Latin-1.
const texts = fc.array(
	fc.string({ unit: fc.constantFrom('a', '#', 'é', '李', '\n'), maxLength: 4 }),
	{
		maxLength: 2600
	}
);

describe('JoinedText', () => {
	it('reads like all texts joined into one, records apart by RECORD', () => {
		fc.assert(
			fc.property(texts, (list) => {
				const whole = list.join(RECORD);
				const joined = joinedOf(list);
				expect(joined.size).toBe(list.length);
				list.forEach((text, record) => {
					const start = joined.starts[record] ?? -1;
					expect(whole.startsWith(text, start)).toBe(true);
					expect(joined.slice(record)).toBe(text);
					expect(joined.holds(record, text, start)).toBe(true);
					expect(joined.holds(record, `${text}?`, start)).toBe(false);
				});
				expect(joined.starts[list.length]).toBe(
					list.reduce((end, text) => end + text.length + RECORD.length, 0)
				);
				const after = (marker: string): number[] =>
					[...whole].flatMap((char, i) => (char === marker ? [i + 1] : []));
				expect(Array.from(joined.placesAfter('#'))).toEqual(after('#'));
				// Anywhere with two more characters of the same record.
				const within = Array.from({ length: whole.length }, (_, i) => i).filter(
					(i) => i + 2 <= whole.length && !whole.slice(i, i + 2).includes(RECORD)
				);
				expect(Array.from(joined.placesWithin(2))).toEqual(within);
				// Keys read within each record's chunk; past its end only shared classes, as past
				// the end of the whole text.
				const places = joined.placesAfter('\n');
				const keyOf = joined.keys();
				for (const place of places) {
					const key = keyOf(place, 3);
					const exact = keyAt(whole, place, 3);
					const record = list.findLastIndex((_, r) => (joined.starts[r] ?? 0) <= place);
					const inRecord = (joined.starts[record + 1] ?? 0) - RECORD.length - place;
					if (inRecord >= 3) expect(key).toBe(exact);
					else expect(key >> (6 * (3 - inRecord))).toBe(exact >> (6 * (3 - inRecord)));
				}
			}),
			{ numRuns: 30 }
		);
	});

	it('reads the keys of places after chunks that have none', () => {
		const joined = joinedOf([...Array<string>(2500).fill(''), '#ab']);
		const places = joined.placesAfter('#');
		expect(Array.from(places)).toEqual([2501]);
		expect(joined.keys()(2501, 2)).toBe(keyAt('ab', 0, 2));
		expect(joined.slice(2500)).toBe('#ab');
	});

	it('joins nothing into an empty text', () => {
		const joined = joinedOf([]);
		expect(joined.size).toBe(0);
		expect(Array.from(joined.starts)).toEqual([0]);
		expect(Array.from(joined.placesAfter('#'))).toEqual([]);
	});
});

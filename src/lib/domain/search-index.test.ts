import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardNumber } from './model';
import { JoinedTextBuilder } from './joined-text';
import { SearchIndex, SearchIndexBuilder } from './search-index';
import { cardNumbersText, matches, parseQuery, searchText } from './search-terms';

interface Person {
	code: string;
	fields: string[];
	cards: CardNumber[];
	/** Phone digits, '' for none. */
	phone: string;
}

/** The records `query` finds by the rule for one record, in record order: what the index must give. */
function byRule(people: readonly Person[], query: string): number[] | null {
	const parsed = parseQuery(query);
	if (!parsed) return null;
	return people.flatMap((person, record) =>
		matches(
			parsed,
			searchText(person.code, person.fields),
			cardNumbersText(person.cards),
			person.phone
		)
			? [record]
			: []
	);
}

/** An index of records given by their prepared texts. */
function indexOf(
	texts: readonly string[],
	cards: readonly string[] = texts.map(() => ''),
	phones: readonly string[] = texts.map(() => '')
) {
	const builder = new SearchIndexBuilder();
	texts.forEach((text, record) => builder.add(text, cards[record] ?? '', phones[record] ?? ''));
	return builder.build();
}

const indexOfPeople = (people: readonly Person[]): SearchIndex =>
	indexOf(
		people.map((person) => searchText(person.code, person.fields)),
		people.map((person) => cardNumbersText(person.cards)),
		people.map((person) => person.phone)
	);

const found = (index: SearchIndex, query: string, order?: Int32Array): number[] | null => {
	const parsed = parseQuery(query);
	return parsed && Array.from(index.search(parsed, order));
};

// Few characters, so that random queries often hit and share their first characters; markers,
// every kind of break, and `%`, which the prefix tables group with the WORD marker.
const char = fc.constantFrom(
	'a',
	'b',
	'B',
	'é',
	'e\u0301',
	'x',
	'f',
	'0',
	'1',
	'5',
	'%',
	'#',
	'李',
	' ',
	'-',
	"'",
	'.',
	'@',
	'\n',
	'\t'
);
const text = (maxLength: number): fc.Arbitrary<string> =>
	fc.array(char, { maxLength }).map((chars) => chars.join(''));
// Codes are written as stored and never split, so they get whitespace and markers too.
const code = fc
	.array(fc.constantFrom('a', 'B', '0', '1', '-', '_', '.', ' ', '\r', '\n', '\t', '#', 'x'), {
		maxLength: 6
	})
	.map((chars) => chars.join(''));
const cardNumber = fc
	.oneof(fc.bigInt({ min: 0n, max: 300n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }))
	.map((n) => String(n) as CardNumber);
// Few digits, so that runs of one phone often occur in another.
const phone = fc
	.array(fc.constantFrom('0', '1', '5', '9'), { maxLength: 15 })
	.map((digits) => digits.join(''));
const person: fc.Arbitrary<Person> = fc.record({
	code,
	fields: fc.array(text(12), { maxLength: 3 }),
	cards: fc.array(cardNumber, { maxLength: 3 }),
	phone
});
const people = fc.array(person, { maxLength: 25 });

/** Queries made of pieces of the records themselves, so that most of them find something. */
const queryFor = (list: readonly Person[]): fc.Arbitrary<string> => {
	const pieces = list.flatMap((p) => [
		p.code,
		...p.fields,
		...p.cards,
		...p.cards.map((n) => `0x${BigInt(n).toString(16)}`)
	]);
	const piece =
		pieces.length === 0
			? text(6)
			: fc
					.tuple(fc.constantFrom(...pieces), fc.nat(), fc.nat())
					.map(([whole, at, length]) =>
						whole.slice(at % (whole.length + 1), (at % (whole.length + 1)) + 1 + (length % 6))
					);
	// A near miss: a piece whose last character is changed.
	const nearMiss = fc
		.tuple(piece, char)
		.map(([whole, last]) => whole.slice(0, Math.max(1, whole.length - 1)) + last);
	const term = fc.oneof(piece, nearMiss, text(5), fc.constantFrom('+', '(', '0x', '00'));
	const terms = fc
		.array(fc.tuple(term, fc.constantFrom(' ', '', '  ', '-')), { minLength: 1, maxLength: 3 })
		.map((parts) => parts.map(([t, gap]) => t + gap).join(''));
	// Written like a phone number: a run of digits of a phone or a field, cut by a space or a
	// dash, maybe in brackets or after a +.
	const digits = list.flatMap((p) => [
		p.phone,
		...p.fields.flatMap((field) => field.match(/[0-9]{3,}/g) ?? [])
	]);
	const runs = digits.filter((run) => run.length >= 3);
	if (runs.length === 0) return terms;
	const phoneQuery = fc
		.tuple(
			fc.constantFrom(...runs),
			fc.nat(),
			fc.nat(),
			fc.nat(),
			fc.constantFrom('+', '', '('),
			fc.constantFrom(' ', '-', ') ', '')
		)
		.map(([run, from, length, cut, before, gap]) => {
			const start = from % (run.length - 2);
			const piece = run.slice(start, start + 3 + (length % (run.length - start - 2)));
			const at = cut % piece.length;
			return `${before}${piece.slice(0, at)}${gap}${piece.slice(at)}`;
		});
	return fc.oneof(terms, phoneQuery);
};

describe('SearchIndex', () => {
	it('finds exactly the records the rule finds, in record order', () => {
		fc.assert(
			fc.property(
				people.chain((list) =>
					fc.tuple(fc.constant(list), fc.array(queryFor(list), { maxLength: 8 }))
				),
				([list, queries]) => {
					const index = indexOfPeople(list);
					// One index answers many queries: nothing of one may leak into the next.
					for (const query of queries) {
						expect(found(index, query), JSON.stringify(query)).toEqual(byRule(list, query));
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('gives the records found in the order asked', () => {
		fc.assert(
			fc.property(
				people.chain((list) =>
					fc.tuple(
						fc.constant(list),
						queryFor(list),
						fc.shuffledSubarray(
							list.map((_, record) => record),
							{ minLength: list.length }
						)
					)
				),
				([list, query, order]) => {
					const expected = byRule(list, query);
					const inOrder = expected && order.filter((record) => expected.includes(record));
					expect(found(indexOfPeople(list), query, Int32Array.from(order))).toEqual(inOrder);
				}
			)
		);
	});

	it('agrees with the rule on a few thousand records, where places come in long runs', () => {
		const first = ['Ana', 'Bo', 'Chris', 'Dana', 'Zoë', 'Łukasz', 'O’Brien', '李小龍'];
		const last = ['Park', 'Lee', 'Park-Lee', 'Müller', 'Smith'];
		const list: Person[] = Array.from({ length: 3000 }, (_, i) => {
			const phone = i % 5 === 0 ? '' : `555${String(i * 37).padStart(7, '0')}`;
			return {
				code: `U${String(i).padStart(5, '0')}`,
				fields: [
					`${first[i % first.length]} ${last[(i >> 3) % last.length]} ${i}`,
					`user${i}@example.com`,
					phone,
					`Dept ${i % 7}`
				],
				cards:
					i % 4 === 0 ? [] : [String(100000 + i) as CardNumber, String(i * 7919) as CardNumber],
				phone
			};
		});
		const index = indexOfPeople(list);
		const queries = ['a', 'an', 'ana p', 'u0', 'u00012', 'k', 'park-lee', 'lee', 'zoe', 'łuk'];
		queries.push('o’b', '李', '1000', '10001', '0x186a', '555', '555 01', '+555 000', 'zz', 'e');
		queries.push('dept 3', '0037', '111', '(0) 11-1', '5550001', '9999', 'dept 3 an');
		for (const query of queries) expect(found(index, query), query).toEqual(byRule(list, query));
	});

	it('keeps the texts of each record as they were given', () => {
		const index = indexOf(['a\t', '', 'b\tc'], ['#1x1', '', ''], ['', '12', '345']);
		expect(index.size).toBe(3);
		expect([0, 1, 2].map((record) => index.prepared(record))).toEqual([
			{ text: 'a\t', cards: '#1x1', phone: '' },
			{ text: '', cards: '', phone: '12' },
			{ text: 'b\tc', cards: '', phone: '345' }
		]);
	});

	it('finds phones by a run of digits where the runs fill groups of five digits', () => {
		// 40 000 ten-digit phones give 320 000 places: more than 11⁵, so groups by five digits,
		// where a query of up to five digits matches its whole group without comparing.
		const list: Person[] = Array.from({ length: 40_000 }, (_, i) => {
			const phone = `44${String((i * 7_919) % 100_000_000).padStart(8, '0')}`;
			return { code: `U${i}`, fields: [`P ${i}`, phone], cards: [], phone };
		});
		const index = indexOfPeople(list);
		const queries = [
			'794',
			'79460',
			'7946 0004',
			'79460004',
			'(44) 79',
			'000-12',
			'9 9 9',
			'+4400'
		];
		for (const query of queries) {
			expect(found(index, query), query).toEqual(byRule(list, query));
		}
		expect(found(index, '0 0000')?.length).toBeGreaterThan(0);
	});

	it('wants one card text and one phone text per record', () => {
		const joined = (texts: string[]) => {
			const builder = new JoinedTextBuilder();
			for (const text of texts) builder.add(text);
			return builder.build();
		};
		expect(() => new SearchIndex(joined(['a\t']), joined([]), joined(['']))).toThrow(RangeError);
		expect(() => new SearchIndex(joined(['a\t']), joined(['']), joined([]))).toThrow(RangeError);
	});

	it('searches an empty list', () => {
		const index = indexOf([]);
		expect(found(index, 'ana')).toEqual([]);
		expect(found(index, ' ')).toBeNull();
	});
});

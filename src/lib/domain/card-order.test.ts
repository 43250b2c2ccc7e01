import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inCardNumberOrder } from './card-order';
import type { CardNumber } from './model';

const same = (n: CardNumber): CardNumber => n;
const numbers = (...list: string[]): CardNumber[] => list as CardNumber[];

describe('inCardNumberOrder', () => {
	it('orders numbers by value, not as text', () => {
		const stored = numbers('1087538182', '111052764', '1113963313', '2', '10');
		expect(inCardNumberOrder(stored, same)).toEqual(
			numbers('2', '10', '111052764', '1087538182', '1113963313')
		);
	});

	it('gives a new array and keeps items with the same number in the order given', () => {
		const items = [
			{ n: '20' as CardNumber, k: 'a' },
			{ n: '3' as CardNumber, k: 'b' },
			{ n: '20' as CardNumber, k: 'c' }
		];
		const sorted = inCardNumberOrder(items, (item) => item.n);
		expect(sorted.map((item) => item.k)).toEqual(['b', 'a', 'c']);
		expect(items.map((item) => item.k)).toEqual(['a', 'b', 'c']);
	});

	it('agrees with a sort by value for any canonical numbers in any order', () => {
		const canonical = fc
			.oneof(fc.bigInt({ min: 0n, max: 2000n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }))
			.map((n) => String(n) as CardNumber);
		fc.assert(
			fc.property(fc.array(canonical, { maxLength: 60 }), fc.boolean(), (list, textOrder) => {
				// Both the database's key order (text order) and any other.
				const given = textOrder ? [...list].sort() : list;
				const byValue = [...list].sort((a, b) => {
					const d = BigInt(a) - BigInt(b);
					return d < 0n ? -1 : d > 0n ? 1 : 0;
				});
				expect(inCardNumberOrder(given, same)).toEqual(byValue);
			})
		);
	});

	it('sorts an empty list', () => {
		expect(inCardNumberOrder([], same)).toEqual([]);
	});
});

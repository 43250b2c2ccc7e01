import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRows, fingerprint } from './first-rows';

describe('FirstRows', () => {
	it('answers exactly as a Map that keeps the first row of each key', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }), (keys) => {
				const table = new FirstRows();
				const model = new Map<string, number>();
				keys.forEach((key, index) => {
					expect(table.get(key)).toBe(model.get(key));
					table.add(key, index + 1);
					if (!model.has(key)) model.set(key, index + 1);
				});
				expect(table.size).toBe(model.size);
				for (const [key, row] of model) expect(table.get(key)).toBe(row);
			})
		);
	});

	it('keeps every key of a large file through many growths', () => {
		const table = new FirstRows();
		const count = 200_000;
		for (let i = 1; i <= count; i += 1) table.add(`user${i}@example.org`, i);
		expect(table.size).toBe(count);
		for (let i = 1; i <= count; i += 1) {
			if (table.get(`user${i}@example.org`) !== i) throw new Error(`lost user${i}`);
		}
		expect(table.get('user0@example.org')).toBeUndefined();
		expect(table.get(`user${count + 1}@example.org`)).toBeUndefined();
	});

	it('refuses a row number that could not be told from an empty slot', () => {
		expect(() => new FirstRows().add('a', 0)).toThrow(RangeError);
	});
});

describe('fingerprint', () => {
	it('tells apart keys that differ in one character, their order or their length', () => {
		const keys = ['1001', '1002', '0110', '1010', '100', '10010', 'a', 'A', '', '\u0000'];
		const prints = new Set(keys.map((key) => fingerprint(key).join(':')));
		expect(prints.size).toBe(keys.length);
	});

	it('has no collision among a million similar keys', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 1_000_000; i += 1) {
			const [high, low] = fingerprint(`U${i}`);
			seen.add(`${high}:${low}`);
		}
		expect(seen.size).toBe(1_000_000);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRows, fingerprint } from './first-rows';

describe('FirstRows', () => {
	it('answers exactly as a Map that keeps the first row of each key', () => {
		// Rows increase with gaps (rows without this key), some across pages of fingerprints.
		const step = fc.oneof(
			{ arbitrary: fc.constant(1), weight: 10 },
			{ arbitrary: fc.integer({ min: 1, max: 5 }), weight: 10 },
			{ arbitrary: fc.constant(70_000), weight: 1 }
		);
		const entries = fc.array(fc.tuple(fc.string({ maxLength: 6 }), step), { maxLength: 3000 });
		fc.assert(
			fc.property(entries, (keys) => {
				const table = new FirstRows();
				const model = new Map<string, number>();
				let row = 0;
				for (const [key, gap] of keys) {
					row += gap;
					expect(table.get(key)).toBe(model.get(key));
					table.add(key, row);
					if (!model.has(key)) model.set(key, row);
				}
				expect(table.size).toBe(model.size);
				for (const [key, first] of model) expect(table.get(key)).toBe(first);
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

	it('refuses rows out of order: a row number says where its key is kept', () => {
		const table = new FirstRows();
		table.add('a', 5);
		expect(() => table.add('b', 5)).toThrow(/rows must increase/);
		expect(() => table.add('b', 4)).toThrow(RangeError);
		expect(table.get('b')).toBeUndefined();
		expect(table.get('a')).toBe(5);
	});

	it('forgets every key when released, and can be used again', () => {
		const rows = new FirstRows();
		for (let i = 1; i <= 5_000; i += 1) rows.add(`U${i}`, i);
		rows.release();
		expect(rows.size).toBe(0);
		expect(rows.get('U1')).toBeUndefined();
		rows.add('U1', 7);
		expect(rows.get('U1')).toBe(7);
		expect(rows.get('U2')).toBeUndefined();
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
		// A million keys take 2 s alone and up to 8 s on a shared, loaded machine: room to finish.
	}, 30_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyBounds, keyRuns } from './key-runs';

describe('keyRuns', () => {
	it('covers exactly the doomed keys, with runs as few as the table allows', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string(), { maxLength: 40 }),
				fc.array(fc.nat()),
				(set, picks) => {
					const keys = [...set].sort();
					const doomed = new Set(
						picks.flatMap((i) => (keys.length ? [keys[i % keys.length]!] : []))
					);
					const runs = keyRuns(keys, doomed);
					const covered = runs.flatMap(([first, last]) =>
						keys.slice(keys.indexOf(first), keys.indexOf(last) + 1)
					);
					expect(covered.every((key) => doomed.has(key))).toBe(true);
					expect(new Set(covered)).toEqual(doomed);
					expect(covered).toHaveLength(doomed.size);
					// A kept key between two runs is what separates them.
					for (let r = 1; r < runs.length; r += 1) {
						const gap = keys.slice(keys.indexOf(runs[r - 1]![1]) + 1, keys.indexOf(runs[r]![0]));
						expect(gap.length).toBeGreaterThan(0);
					}
				}
			)
		);
	});

	it('splits where a kept key sits between doomed ones', () => {
		const keys = ['U1', 'U10', 'U100', 'U11', 'U2'];
		expect(keyRuns(keys, new Set(['U1', 'U10', 'U11', 'U2']))).toEqual([
			['U1', 'U10'],
			['U11', 'U2']
		]);
		expect(keyRuns(keys, new Set<string>())).toEqual([]);
	});
});

describe('keyBounds', () => {
	it('gives the lowest and highest key in code-unit order, null for none', () => {
		expect(keyBounds(['U2', 'U10', 'U1', 'u0'])).toEqual(['U1', 'u0']);
		expect(keyBounds(['4000001'])).toEqual(['4000001', '4000001']);
		expect(keyBounds([])).toBeNull();
	});
});

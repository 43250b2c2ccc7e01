import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '$lib/import/progress';
import type { ImportProgress } from '$lib/import/api';
import { EMPTY_COUNTERS } from '$lib/domain/import-session';
import { timeLeftText } from './format';

describe('time left', () => {
	it('never says 0 s while rows remain', () => {
		expect(timeLeftText(0)).toBe('a few seconds left');
		expect(timeLeftText(0.4)).toBe('a few seconds left');
		expect(timeLeftText(42)).toBe('less than a minute left');
		expect(timeLeftText(150)).toBe('about 3 min left');
		expect(timeLeftText(3_900)).toBe('about 1 h 5 min left');
		expect(timeLeftText(null)).toBeNull();
	});

	it('gives no estimate until the run has gone far and long enough', () => {
		let now = 0;
		const sent: ImportProgress[] = [];
		const meter = new ProgressMeter(
			1_000_000,
			() => now,
			(p) => sent.push(p),
			0
		);
		now = 500;
		meter.report(100, 10_000, EMPTY_COUNTERS);
		now = 4_000;
		meter.report(150, 15_000, EMPTY_COUNTERS);
		now = 5_000;
		meter.report(500, 50_000, EMPTY_COUNTERS);
		now = 6_000;
		meter.report(5_000, 1_000_000, EMPTY_COUNTERS);
		expect(sent.map((p) => p.secondsLeft)).toEqual([null, null, 95, null]);
	});
});

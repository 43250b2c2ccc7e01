import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTERS } from '$lib/domain/import-session';
import type { ImportProgress } from './api';
import { ProgressMeter } from './progress';

describe('ProgressMeter', () => {
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

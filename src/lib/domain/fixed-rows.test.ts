import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTERS } from './import-session';
import { countersAfterFix, failedAfterFix, FixedRowKeys } from './fixed-rows';
import type { FailedRecord } from './result-files';

describe('countersAfterFix', () => {
	it('moves each imported row from Failed to its outcome; rows that still fail stay counted once', () => {
		const before = { created: 10, updated: 2, kept: 1, failed: 5, skipped: 1 };
		const fixed = { ...EMPTY_COUNTERS, created: 2, kept: 1, failed: 1 };
		expect(countersAfterFix(before, fixed)).toEqual({
			created: 12,
			updated: 2,
			kept: 2,
			failed: 2,
			skipped: 1
		});
	});

	it('changes nothing when no row passed', () => {
		const before = { created: 1, updated: 0, kept: 0, failed: 3, skipped: 0 };
		expect(countersAfterFix(before, { ...EMPTY_COUNTERS, failed: 3 })).toEqual(before);
	});
});

describe('failedAfterFix', () => {
	const record = (row: number, error: string): FailedRecord => ({ row, cells: [`c${row}`], error });
	it('drops the imported rows and replaces the re-failed ones in place', () => {
		const failed = [record(3, 'a'), record(5, 'b'), record(9, 'c')];
		const again = { row: 9, cells: ['edited'], error: 'new reason' };
		expect(failedAfterFix(failed, new Set([3]), new Map([[9, again]]))).toEqual([
			record(5, 'b'),
			again
		]);
	});
});

describe('FixedRowKeys', () => {
	it('fails the later of two fixed rows that share a key, naming the first', () => {
		const keys = new FixedRowKeys();
		keys.set(7, [['cardId', '501', '501']]);
		keys.set(4, [
			['cardId', '501', '501'],
			['email', 'a@x.org', 'a@x.org']
		]);
		expect(keys.repeatsOf(4)).toEqual([]);
		expect(keys.repeatsOf(7)).toEqual([
			{ field: 'cardId', message: 'Card ID "501" repeats row 4' }
		]);
	});

	it('forgets a row whose keys changed, so the repeat clears', () => {
		const keys = new FixedRowKeys();
		keys.set(4, [['userId', 'u1', 'u1']]);
		keys.set(7, [['userId', 'u1', 'u1']]);
		keys.set(4, [['userId', 'u2', 'u2']]);
		expect(keys.repeatsOf(7)).toEqual([]);
		keys.delete(4);
		keys.set(2, [['userId', 'u1', 'u1']]);
		expect(keys.repeatsOf(7)).toEqual([{ field: 'userId', message: 'User ID "u1" repeats row 2' }]);
	});
});

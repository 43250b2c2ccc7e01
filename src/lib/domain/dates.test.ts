import { describe, expect, it } from 'vitest';
import { addMonths, addYears, formatDate, isIsoDate, parseDate, todayIso } from './dates';
import type { IsoDate } from './model';

const parsed = (text: string, format: Parameters<typeof parseDate>[1] = 'YYYY-MM-DD') => {
	const r = parseDate(text, format);
	return r.ok ? r.value : `ERR ${r.errors.join('; ')}`;
};

describe('parseDate', () => {
	it('reads ISO dates in any chosen format', () => {
		expect(parsed('2026-03-01')).toBe('2026-03-01');
		expect(parsed(' 2026-03-01 ', 'DD/MM/YYYY')).toBe('2026-03-01');
		expect(parsed('2026-03-01', 'MM/DD/YYYY')).toBe('2026-03-01');
	});
	it('takes a date-time without a zone as written, whatever its time', () => {
		expect(parsed('2026-01-01 00:00:00')).toBe('2026-01-01');
		expect(parsed('2030-12-31 23:59:00')).toBe('2030-12-31');
		expect(parsed('2026-09-09 00:00:00.000')).toBe('2026-09-09');
		expect(parsed('2026-03-01T10:00')).toBe('2026-03-01');
		expect(parsed('2026/01/31')).toBe('2026-01-31');
		expect(parsed('2026/1/5 8:30')).toBe('2026-01-05');
		expect(parsed('31.01.2026', 'DD/MM/YYYY')).toBe('2026-01-31');
		expect(parsed('31.01.2026 23:59:59', 'DD/MM/YYYY')).toBe('2026-01-31');
		expect(parsed('01/31/2026 08:00', 'MM/DD/YYYY')).toBe('2026-01-31');
		expect(parsed('2026-03-01T25:00Z')).toBe('ERR is not a valid date-time');
		expect(parsed('2026-03-01 10:61')).toBe('ERR is not a valid date-time');
		expect(parsed('2026-03-01 noon')).toBe(
			'ERR is not a date-time — write the time as hh:mm or hh:mm:ss after the date'
		);
		expect(parsed('2026-03-01x')).toMatch(/^ERR is not a date/);
	});
	it('takes the day of a date-time with Z or an offset where the admin is', () => {
		const inZone = (text: string, zone: string) => {
			const r = parseDate(text, 'YYYY-MM-DD', undefined, zone);
			return r.ok ? r.value : `ERR ${r.errors.join('; ')}`;
		};
		expect(inZone('2026-01-01T00:00:00Z', 'UTC')).toBe('2026-01-01');
		expect(inZone('2026-01-01T00:00:00.000Z', 'Asia/Seoul')).toBe('2026-01-01');
		expect(inZone('2026-01-01T00:00:00.000Z', 'America/New_York')).toBe('2025-12-31');
		expect(inZone('2026-12-31T23:59:59Z', 'Asia/Seoul')).toBe('2027-01-01');
		expect(inZone('2026-03-01T23:30:00-05:00', 'Europe/Berlin')).toBe('2026-03-02');
		expect(inZone('2026-03-01T23:30:00-05:00', 'America/Chicago')).toBe('2026-03-01');
		expect(inZone('2026-03-01 08:00:00+0900', 'Asia/Tokyo')).toBe('2026-03-01');
		expect(inZone('2026-03-01T00:15:00.123+09:00', 'UTC')).toBe('2026-02-28');
		expect(inZone('2028-03-01T01:00+02', 'UTC')).toBe('2028-02-29');
		expect(inZone('2026-02-30T00:00Z', 'UTC')).toBe('ERR is not a real calendar date');
	});
	it("uses the environment's zone when none is named", () => {
		const noon = parseDate('2026-06-15T12:00:00Z', 'YYYY-MM-DD');
		const local = new Date(Date.UTC(2026, 5, 15, 12));
		const expected = `2026-06-${String(local.getDate()).padStart(2, '0')}`;
		expect(noon).toEqual({ ok: true, value: expected });
	});
	it('reads DD/MM/YYYY and MM/DD/YYYY only as chosen, with / - . and one-digit parts', () => {
		expect(parsed('28/02/2028', 'DD/MM/YYYY')).toBe('2028-02-28');
		expect(parsed('1.3.2026', 'DD/MM/YYYY')).toBe('2026-03-01');
		expect(parsed('1-3-2026', 'MM/DD/YYYY')).toBe('2026-01-03');
		expect(parsed('02/28/2028', 'MM/DD/YYYY')).toBe('2028-02-28');
		expect(parsed('28/02/2028', 'MM/DD/YYYY')).toBe(
			'ERR is not a real calendar date in MM/DD/YYYY'
		);
		expect(parsed('28/02/2028')).toBe('ERR is not a date — use YYYY-MM-DD');
	});
	it('accepts real calendar days only, leap years right', () => {
		expect(parsed('2026-02-30')).toBe('ERR is not a real calendar date');
		expect(parsed('2026-02-29')).toMatch(/^ERR/);
		expect(parsed('2028-02-29')).toBe('2028-02-29');
		expect(parsed('2000-02-29')).toBe('2000-02-29');
		expect(parsed('1900-02-29')).toMatch(/^ERR/);
		expect(parsed('2026-04-31')).toMatch(/^ERR/);
		expect(parsed('2026-13-01')).toMatch(/^ERR/);
		expect(parsed('2026-00-10')).toMatch(/^ERR/);
		expect(parsed('31/04/2026', 'DD/MM/YYYY')).toMatch(/^ERR/);
	});
	it('names the Date format choice that would read a day-first or month-first date', () => {
		const under = (text: string) => {
			const result = parseDate(text, 'YYYY-MM-DD', 'Date format');
			return result.ok ? result.value : result.errors[0];
		};
		expect(under('31/12/2026')).toBe(
			'is not a date — use YYYY-MM-DD, or choose DD/MM/YYYY under Date format'
		);
		expect(under('12/31/2026')).toBe(
			'is not a date — use YYYY-MM-DD, or choose MM/DD/YYYY under Date format'
		);
		expect(under('03/04/2026')).toBe(
			'is not a date — use YYYY-MM-DD, or choose DD/MM/YYYY or MM/DD/YYYY under Date format'
		);
		expect(under('soon')).toBe('is not a date — use YYYY-MM-DD');
		// Where no setting can change the format (the user form), none is named.
		expect(parsed('31/12/2026')).toBe('ERR is not a date — use YYYY-MM-DD');
	});
	it('writes a date in the chosen format', () => {
		const date = '2026-03-01' as IsoDate;
		expect(formatDate(date, 'YYYY-MM-DD')).toBe('2026-03-01');
		expect(formatDate(date, 'DD/MM/YYYY')).toBe('01/03/2026');
		expect(formatDate(date, 'MM/DD/YYYY')).toBe('03/01/2026');
		for (const format of ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const) {
			const round = parseDate(formatDate(date, format), format);
			expect(round.ok && round.value).toBe(date);
		}
	});
	it('names the accepted formats when the text is not a date', () => {
		expect(parsed('soon', 'DD/MM/YYYY')).toBe(
			'ERR is not a date — use YYYY-MM-DD or DD/MM/YYYY (e.g. 31/12/2026)'
		);
		expect(parsed('', 'MM/DD/YYYY')).toBe(
			'ERR is not a date — use YYYY-MM-DD or MM/DD/YYYY (e.g. 12/31/2026)'
		);
	});
});

describe('addYears, addMonths, todayIso, isIsoDate', () => {
	it('adds years, 29 February falling back to the 28th', () => {
		expect(addYears('2026-05-17' as IsoDate, 1)).toBe('2027-05-17');
		expect(addYears('2028-02-29' as IsoDate, 1)).toBe('2029-02-28');
		expect(addYears('2028-02-29' as IsoDate, 4)).toBe('2032-02-29');
	});
	it('adds months across a year end, the 31st falling back to the last day', () => {
		expect(addMonths('2026-11-30' as IsoDate, 3)).toBe('2027-02-28');
		expect(addMonths('2028-01-31' as IsoDate, 1)).toBe('2028-02-29');
		expect(addMonths('2026-05-17' as IsoDate, 0)).toBe('2026-05-17');
		expect(addMonths('2026-05-17' as IsoDate, 24)).toBe('2028-05-17');
	});
	it('gives the local calendar date', () => {
		expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
	});
	it('checks ISO dates', () => {
		expect(isIsoDate('2026-01-05')).toBe(true);
		expect(isIsoDate('2026-1-5')).toBe(false);
		expect(isIsoDate('2026-02-29')).toBe(false);
	});
});

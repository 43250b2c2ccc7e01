import { describe, expect, it } from 'vitest';
import {
	DEFAULT_APP_SETTINGS,
	MAX_CARDS_PER_USER_LIMIT,
	defaultValidity,
	settingsFrom,
	validateAppSettings,
	type AppSettings
} from './app-settings';
import type { IsoDate } from './model';

describe('maxImageMb', () => {
	it('defaults to 1 MB, also for settings stored before it existed', () => {
		expect(DEFAULT_APP_SETTINGS.maxImageMb).toBe(1);
		const { maxImageMb: _dropped, ...older } = { ...DEFAULT_APP_SETTINGS, maxCsvMb: 8 };
		expect(settingsFrom(older)).toEqual({ ...DEFAULT_APP_SETTINGS, maxCsvMb: 8, maxImageMb: 1 });
	});

	it('is validated like maxCsvMb: more than 0, at most the limit, a number', () => {
		for (const good of [0.5, 1, 50]) {
			expect(validateAppSettings({ ...DEFAULT_APP_SETTINGS, maxImageMb: good }).ok).toBe(true);
		}
		for (const bad of [0, -1, 51, Number.NaN, Number.POSITIVE_INFINITY]) {
			const checked = validateAppSettings({ ...DEFAULT_APP_SETTINGS, maxImageMb: bad });
			expect(checked.ok).toBe(false);
			if (!checked.ok) expect(checked.errors.join()).toMatch(/Maximum image size/);
		}
	});
});

describe('maxCardsPerUser', () => {
	it('defaults to 8, also for settings stored before it existed', () => {
		expect(DEFAULT_APP_SETTINGS.maxCardsPerUser).toBe(8);
		const { maxCardsPerUser: _dropped, ...older } = DEFAULT_APP_SETTINGS;
		expect(settingsFrom(older)).toEqual(DEFAULT_APP_SETTINGS);
	});

	it('is a whole number from 1 to the limit', () => {
		for (const good of [1, 8, MAX_CARDS_PER_USER_LIMIT]) {
			expect(validateAppSettings({ ...DEFAULT_APP_SETTINGS, maxCardsPerUser: good }).ok).toBe(true);
		}
		for (const bad of [0, -1, 2.5, MAX_CARDS_PER_USER_LIMIT + 1, Number.NaN]) {
			const checked = validateAppSettings({ ...DEFAULT_APP_SETTINGS, maxCardsPerUser: bad });
			expect(!checked.ok && checked.errors).toEqual([
				`Cards per user must be a whole number from 1 to ${MAX_CARDS_PER_USER_LIMIT}`
			]);
		}
	});
});

describe('defaultValidity', () => {
	const today = '2026-01-31' as IsoDate;

	it('runs from today for the years and months set, the 31st ending a shorter month', () => {
		const settings: AppSettings = {
			...DEFAULT_APP_SETTINGS,
			validity: { kind: 'length', years: 1, months: 1 }
		};
		expect(defaultValidity(settings, today)).toEqual({
			startDate: '2026-01-31',
			endDate: '2027-02-28'
		});
	});

	it('ends on a fixed date, or today when that date has passed', () => {
		const until = (endDate: string): AppSettings => ({
			...DEFAULT_APP_SETTINGS,
			validity: { kind: 'until', endDate: endDate as IsoDate }
		});
		expect(defaultValidity(until('2026-06-30'), today).endDate).toBe('2026-06-30');
		expect(defaultValidity(until('2025-12-31'), today).endDate).toBe('2026-01-31');
	});
});

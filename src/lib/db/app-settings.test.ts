import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, settingsFrom, validateAppSettings } from './app-settings';

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

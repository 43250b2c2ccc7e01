import { describe, expect, it } from 'vitest';
import { defaultImportSettings, validateImportSettings } from './import-settings';
import type { IsoDate } from './model';

describe('import settings', () => {
	it('defaults to Keep, Decimal CSN cards, a year from today, ISO dates, header on row 1', () => {
		expect(defaultImportSettings('2028-02-29' as IsoDate)).toEqual({
			overwrite: 'keep',
			cardIdType: 'decimal',
			cardFormat: 'csn',
			startDate: '2028-02-29',
			endDate: '2029-02-28',
			dateFormat: 'YYYY-MM-DD',
			headerRow: 1
		});
	});
	it('accepts the defaults and lists every problem', () => {
		const good = defaultImportSettings('2026-01-01' as IsoDate);
		expect(validateImportSettings(good)).toEqual({ ok: true, value: good });
		expect(
			validateImportSettings({ ...good, startDate: '2026-02-30' as IsoDate, headerRow: 0 })
		).toEqual({
			ok: false,
			errors: [
				'Start date "2026-02-30" is not a real date — use YYYY-MM-DD',
				'Header row "0" must be a whole number of 1 or more'
			]
		});
		expect(validateImportSettings({ ...good, endDate: '2025-12-31' as IsoDate })).toEqual({
			ok: false,
			errors: ['End date 2025-12-31 is before Start date 2026-01-01']
		});
		expect(
			validateImportSettings({
				...good,
				dateFormat: 'DD/MM/YYYY',
				startDate: '31/13/2026' as IsoDate,
				endDate: '2025-12-31' as IsoDate
			}).ok
		).toBe(false);
		expect(
			validateImportSettings({
				...good,
				dateFormat: 'DD/MM/YYYY',
				endDate: '2025-12-31' as IsoDate
			})
		).toEqual({ ok: false, errors: ['End date 31/12/2025 is before Start date 01/01/2026'] });
		expect(
			validateImportSettings({ ...good, dateFormat: 'MM/DD/YYYY', startDate: 'soon' as IsoDate })
		).toEqual({
			ok: false,
			errors: ['Start date "soon" is not a real date — use MM/DD/YYYY or YYYY-MM-DD']
		});
		expect(validateImportSettings({ ...good, headerRow: 2.5 }).ok).toBe(false);
		expect(validateImportSettings({ ...good, endDate: good.startDate }).ok).toBe(true);
	});
});

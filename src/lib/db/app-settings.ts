/**
 * The admin's defaults (Settings screen), stored as one record of the `settings` table. The import
 * wizard reads them through readAppSettings / defaultValidity; screens through the live state in
 * src/lib/state/app-settings.svelte.ts.
 */
import { addYears, daysInMonth, isIsoDate, todayIso } from '$lib/domain/dates';
import { toAppError, type AppError } from '$lib/domain/errors';
import { CARD_ID_TYPES, DATE_FORMATS } from '$lib/domain/import-settings';
import type { CardIdType, DateFormat, IsoDate } from '$lib/domain/model';
import { fail, ok, type Result } from '$lib/domain/result';
import type { RosterDatabase } from './database';

export const APP_SETTINGS_KEY = 'app-settings';

/** How long a new card is valid: from today for a length of time, or until a fixed date. */
export type ValidityPeriod =
	{ kind: 'length'; years: number; months: number } | { kind: 'until'; endDate: IsoDate };

export interface AppSettings {
	cardIdType: CardIdType;
	validity: ValidityPeriod;
	dateFormat: DateFormat;
	/** Files over this many megabytes are refused at upload (DESIGN.md section 4: 5 MB default). */
	maxCsvMb: number;
	/** Stored images (resized to 512 px, whatever the file chosen) may be this large (1 MB default). */
	maxImageMb: number;
}

export const MAX_CSV_MB_LIMIT = 1024;
export const MAX_IMAGE_MB_LIMIT = 50;

export const DEFAULT_APP_SETTINGS: AppSettings = {
	cardIdType: 'decimal',
	validity: { kind: 'length', years: 1, months: 0 },
	dateFormat: 'YYYY-MM-DD',
	maxCsvMb: 5,
	maxImageMb: 1
};

/** Every problem of settings that came from a form or storage. */
export function validateAppSettings(s: AppSettings): Result<AppSettings, string> {
	const problems: string[] = [];
	if (!CARD_ID_TYPES.includes(s.cardIdType)) problems.push('Card ID type is not a choice');
	if (!DATE_FORMATS.includes(s.dateFormat)) problems.push('Date format is not a choice');
	if (!Number.isFinite(s.maxCsvMb) || s.maxCsvMb <= 0 || s.maxCsvMb > MAX_CSV_MB_LIMIT) {
		problems.push(`Maximum CSV size must be more than 0 and at most ${MAX_CSV_MB_LIMIT} MB`);
	}
	if (!Number.isFinite(s.maxImageMb) || s.maxImageMb <= 0 || s.maxImageMb > MAX_IMAGE_MB_LIMIT) {
		problems.push(`Maximum image size must be more than 0 and at most ${MAX_IMAGE_MB_LIMIT} MB`);
	}
	const v = s.validity;
	if (v.kind === 'length') {
		const whole = (n: number) => Number.isInteger(n) && n >= 0;
		if (!whole(v.years) || !whole(v.months) || v.years > 100 || v.months > 1200) {
			problems.push('Validity years and months must be whole numbers (0–100 years)');
		} else if (v.years === 0 && v.months === 0) {
			problems.push('Validity must last at least one month');
		}
	} else if (v.kind === 'until') {
		if (!isIsoDate(v.endDate))
			problems.push(`Valid until "${String(v.endDate)}" is not a real date`);
	} else {
		problems.push('Validity period is not a choice');
	}
	return problems.length === 0 ? ok(s) : fail(...problems);
}

/** The stored settings, or the defaults for anything missing or unreadable. */
export async function readAppSettings(db: RosterDatabase): Promise<AppSettings> {
	const record = await db.settings.get(APP_SETTINGS_KEY);
	return settingsFrom(record?.value);
}

/** Settings from an untrusted stored value: a broken record never breaks the app. */
export function settingsFrom(value: unknown): AppSettings {
	if (typeof value !== 'object' || value === null) return DEFAULT_APP_SETTINGS;
	const merged = { ...DEFAULT_APP_SETTINGS, ...(value as Partial<AppSettings>) };
	return validateAppSettings(merged).ok ? merged : DEFAULT_APP_SETTINGS;
}

export async function saveAppSettings(
	db: RosterDatabase,
	settings: AppSettings,
	now = Date.now()
): Promise<Result<AppSettings, AppError>> {
	const checked = validateAppSettings(settings);
	if (!checked.ok) {
		return fail({ code: 'INVALID_INPUT', message: checked.errors.join('; ') });
	}
	try {
		await db.settings.put({ key: APP_SETTINGS_KEY, value: settings, updatedAt: now });
		return ok(settings);
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

/** Adds whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(d: IsoDate, n: number): IsoDate {
	const [y, m, day] = d.split('-').map(Number) as [number, number, number];
	const index = y * 12 + (m - 1) + n;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const pad = (v: number, w: number) => String(v).padStart(w, '0');
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, daysInMonth(year, month)), 2)}` as IsoDate;
}

/**
 * The validity a new card gets by default: from `today`; a fixed end date that has passed
 * falls back to today so the period is never inverted.
 */
export function defaultValidity(
	settings: AppSettings,
	today: IsoDate
): { startDate: IsoDate; endDate: IsoDate } {
	const v = settings.validity;
	if (v.kind === 'until')
		return { startDate: today, endDate: v.endDate < today ? today : v.endDate };
	return { startDate: today, endDate: addMonths(addYears(today, v.years), v.months) };
}

/** Today in the browser's time zone. */
export const today = (): IsoDate => todayIso(new Date());

/**
 * The admin's defaults (Settings screen) and their rules: what a valid value is, what a new card's
 * validity is by default. Stored as one record of the `settings` table by
 * src/lib/db/app-settings.ts.
 */
import { addMonths, addYears, isIsoDate } from './dates';
import { CARD_ID_TYPES, DATE_FORMATS } from './import-settings';
import type { CardIdType, DateFormat, IsoDate } from './model';
import { fail, ok, type Result } from './result';

/** How long a new card is valid: from today for a length of time, or until a fixed date. */
export type ValidityPeriod =
	{ kind: 'length'; years: number; months: number } | { kind: 'until'; endDate: IsoDate };

export interface AppSettings {
	cardIdType: CardIdType;
	validity: ValidityPeriod;
	dateFormat: DateFormat;
	/** Files over this many megabytes are refused at upload (5 MB unless the admin raises it). */
	maxCsvMb: number;
	/** Stored images (resized to 512 px, whatever the file chosen) may be this large (1 MB default). */
	maxImageMb: number;
	/** The most cards one user may hold (8 unless the admin changes it); imports count stored cards. */
	maxCardsPerUser: number;
	/**
	 * Where Import runs the file (docs/architecture.md, "Imports on the server"): on the site
	 * server, where it goes on whatever becomes of the admin's windows; or in the importing
	 * admin's browser, which still offers what the server does not yet (Continue Task, fixing
	 * failed rows in place).
	 */
	importsRunOn: ImportsRunOn;
}

export const IMPORTS_RUN_ON = ['server', 'browser'] as const;
export type ImportsRunOn = (typeof IMPORTS_RUN_ON)[number];

export const MAX_CSV_MB_LIMIT = 1024;
export const MAX_IMAGE_MB_LIMIT = 50;
/** Highest "Cards per user" the form takes (a reader's user record rarely holds more). */
export const MAX_CARDS_PER_USER_LIMIT = 100;

export const DEFAULT_APP_SETTINGS: AppSettings = {
	cardIdType: 'decimal',
	validity: { kind: 'length', years: 1, months: 0 },
	dateFormat: 'YYYY-MM-DD',
	maxCsvMb: 5,
	maxImageMb: 1,
	maxCardsPerUser: 8,
	// The browser until a server job does all a browser run does (docs/architecture.md, "Imports
	// on the server": what the acceptance tests still find missing there).
	importsRunOn: 'browser'
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
	const cards = s.maxCardsPerUser;
	if (!Number.isInteger(cards) || cards < 1 || cards > MAX_CARDS_PER_USER_LIMIT) {
		problems.push(`Cards per user must be a whole number from 1 to ${MAX_CARDS_PER_USER_LIMIT}`);
	}
	if (!IMPORTS_RUN_ON.includes(s.importsRunOn)) problems.push('Where imports run is not a choice');
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

/** Settings from an untrusted stored value: a broken record never breaks the app. */
export function settingsFrom(value: unknown): AppSettings {
	if (typeof value !== 'object' || value === null) return DEFAULT_APP_SETTINGS;
	const merged = { ...DEFAULT_APP_SETTINGS, ...(value as Partial<AppSettings>) };
	return validateAppSettings(merged).ok ? merged : DEFAULT_APP_SETTINGS;
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

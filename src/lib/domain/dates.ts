/**
 * Calendar dates as the admin writes them. Cards are valid for whole days, so a date-time is
 * reduced to the calendar date as written (no time-zone shifting: `2026-03-01T23:30-05:00` is
 * March 1st, which is what the admin sees in the file).
 */
import type { DateFormat, IsoDate } from './model';
import { fail, ok, type Result } from './result';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds an IsoDate when year/month/day name a real day (years 1000–9999 keep `YYYY` honest). */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
	if (year < 1000 || year > 9999 || month < 1 || month > 12) return null;
	if (day < 1 || day > daysInMonth(year, month)) return null;
	return `${pad4(year)}-${pad2(month)}-${pad2(day)}` as IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date-time with a time, optional seconds/fraction, and a Z or ±hh:mm / ±hhmm offset. */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function formatExample(format: DateFormat): string {
	if (format === 'DD/MM/YYYY') return '31/12/2026';
	if (format === 'MM/DD/YYYY') return '12/31/2026';
	return '2026-12-31';
}

/**
 * The day-first or month-first format a text that failed under YYYY-MM-DD could be in: the one
 * whose day part is over 12 when only one fits, both when the text cannot tell.
 */
function slashFormatsOf(value: string): string | null {
	const dmy = DAY_MONTH_YEAR.exec(value);
	if (!dmy) return null;
	const [first, second] = [Number(dmy[1]), Number(dmy[2])];
	if (first > 12 && second <= 12) return 'DD/MM/YYYY';
	if (second > 12 && first <= 12) return 'MM/DD/YYYY';
	return 'DD/MM/YYYY or MM/DD/YYYY';
}

/**
 * Parses a (trimmed) date cell. ISO dates are always accepted, whatever the chosen format, because
 * they cannot be misread; DD/MM and MM/DD are only read as the admin chose, since 03/04 is ambiguous.
 * The message is a fragment (`is not a real date …`) so the caller can prefix the field and value.
 * `formatSetting` names the setting that chooses the format, where the admin has one to change:
 * a day-first date under YYYY-MM-DD then says which choice would read it.
 */
export function parseDate(
	text: string,
	format: DateFormat,
	formatSetting?: string
): Result<IsoDate, string> {
	const value = text.trim();
	const iso = ISO_DATE.exec(value) ?? ISO_DATE_TIME.exec(value);
	if (iso) {
		const [hour, minute, second] = [iso[4], iso[5], iso[6]].map((p) => Number(p ?? 0));
		if (iso[4] !== undefined && (hour! > 23 || minute! > 59 || second! > 59)) {
			return fail('is not a valid date-time');
		}
		const date = isoDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
		return date ? ok(date) : fail('is not a real calendar date');
	}
	const dmy = format === 'YYYY-MM-DD' ? null : DAY_MONTH_YEAR.exec(value);
	if (dmy) {
		const [first, second, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
		const date =
			format === 'DD/MM/YYYY' ? isoDateOf(year, second, first) : isoDateOf(year, first, second);
		return date ? ok(date) : fail(`is not a real calendar date in ${format}`);
	}
	const also = format === 'YYYY-MM-DD' ? '' : ` or ${format} (e.g. ${formatExample(format)})`;
	const other = format === 'YYYY-MM-DD' && formatSetting ? slashFormatsOf(value) : null;
	const choose = other ? `, or choose ${other} under ${formatSetting}` : '';
	return fail(`is not a date — use YYYY-MM-DD${also}${choose}`);
}

/** An IsoDate written as `format` shows it, e.g. `31/12/2026` for DD/MM/YYYY. */
export function formatDate(date: IsoDate, format: DateFormat): string {
	const [year, month, day] = date.split('-') as [string, string, string];
	if (format === 'DD/MM/YYYY') return `${day}/${month}/${year}`;
	if (format === 'MM/DD/YYYY') return `${month}/${day}/${year}`;
	return date;
}

/** True when the text is an IsoDate naming a real day. */
export function isIsoDate(text: string): text is IsoDate {
	const m = ISO_DATE.exec(text);
	return m !== null && isoDateOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** Adds whole years; 29 February becomes 28 February in a year that has none. */
export function addYears(d: IsoDate, n: number): IsoDate {
	const [y, m, day] = d.split('-').map(Number) as [number, number, number];
	const year = y + n;
	return `${pad4(year)}-${pad2(m)}-${pad2(Math.min(day, daysInMonth(year, m)))}` as IsoDate;
}

/** Adds whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(d: IsoDate, n: number): IsoDate {
	const [y, m, day] = d.split('-').map(Number) as [number, number, number];
	const index = y * 12 + (m - 1) + n;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return `${pad4(year)}-${pad2(month)}-${pad2(Math.min(day, daysInMonth(year, month)))}` as IsoDate;
}

/** Today's date in the browser's time zone: an admin in Seoul importing at 08:00 means today there. */
export function todayIso(now: Date): IsoDate {
	return `${pad4(now.getFullYear())}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}` as IsoDate;
}

/** Today in the browser's time zone, read from the clock. */
export const today = (): IsoDate => todayIso(new Date());

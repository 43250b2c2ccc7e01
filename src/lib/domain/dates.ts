/**
 * Calendar dates as the admin writes them, and as other systems' exports write them: with a time
 * (`2026-01-01 00:00:00`, `2026-01-01T00:00:00.000Z`), with slashes (`2026/01/31`) or dots
 * (`31.01.2026`). Cards are valid for whole days, so what is stored is a date (see
 * docs/architecture.md "Field rules"): a time without a zone is taken as written (the day in the
 * file is the day meant); a time with `Z` or an offset is an instant, and its day is the day it is
 * where the admin is (the browser's time zone, or `timeZone` when given).
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
/** Year first, `-` or `/` (`2026/01/31`), then what `TIME` allows. */
const YEAR_FIRST = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})((?:T|\s).*)?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})((?:T|\s).*)?$/i;
/**
 * What may follow a date: `T` or spaces, hh:mm, optional seconds and fraction, then optionally
 * `Z` or an offset (±hh, ±hhmm, ±hh:mm, with an optional space before it).
 */
const TIME =
	/^(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

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
	const [first, second] = [Number(dmy[1]), Number(dmy[3])];
	if (first > 12 && second <= 12) return 'DD/MM/YYYY';
	if (second > 12 && first <= 12) return 'MM/DD/YYYY';
	return 'DD/MM/YYYY or MM/DD/YYYY';
}

/** A date read from a cell before its time is applied. */
interface DateParts {
	year: number;
	month: number;
	day: number;
	/** Everything after the date: '' or a time (see `TIME`). */
	rest: string;
}

/** Minutes east of UTC of an offset written `Z`, `+09`, `-0530` or `+05:30`. */
function offsetMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone (the environment's when none is named). */
function dayOfInstant(ms: number, timeZone: string | undefined): IsoDate | null {
	if (timeZone === undefined) {
		const d = new Date(ms);
		return isoDateOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
	}
	let format = dayFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric'
		});
		dayFormats.set(timeZone, format);
	}
	const part = (type: string) =>
		Number(format.formatToParts(ms).find((p) => p.type === type)?.value);
	return isoDateOf(part('year'), part('month'), part('day'));
}

/** The stored day of a date and what followed it; a fragment message when it is not one. */
function dateWithTime(
	{ year, month, day, rest }: DateParts,
	notReal: string,
	timeZone: string | undefined
): Result<IsoDate, string> {
	const date = isoDateOf(year, month, day);
	if (!date) return fail(notReal);
	if (rest === '') return ok(date);
	const time = TIME.exec(rest);
	if (!time) return fail('is not a date-time — write the time as hh:mm or hh:mm:ss after the date');
	const [hour, minute, second] = [time[1], time[2], time[3]].map((p) => Number(p ?? 0)) as [
		number,
		number,
		number
	];
	if (hour > 23 || minute > 59 || second > 59) return fail('is not a valid date-time');
	const zone = time[4];
	if (zone === undefined) return ok(date);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes(zone) * 60_000;
	return ok(dayOfInstant(ms, timeZone) ?? date);
}

/**
 * Parses a (trimmed) date cell. Year-first dates are always accepted, whatever the chosen format,
 * because they cannot be misread; DD/MM and MM/DD are only read as the admin chose, since 03/04 is
 * ambiguous. Either may carry a time (see the top of this file for how it is applied).
 * The message is a fragment (`is not a real date …`) so the caller can prefix the field and value.
 * `formatSetting` names the setting that chooses the format, where the admin has one to change:
 * a day-first date under YYYY-MM-DD then says which choice would read it. `timeZone` (an IANA
 * name) is where an instant's day is taken; tests name one, the app uses the browser's.
 */
export function parseDate(
	text: string,
	format: DateFormat,
	formatSetting?: string,
	timeZone?: string
): Result<IsoDate, string> {
	const value = text.trim();
	const ymd = YEAR_FIRST.exec(value);
	if (ymd) {
		const parts = {
			year: Number(ymd[1]),
			month: Number(ymd[3]),
			day: Number(ymd[4]),
			rest: ymd[5] ?? ''
		};
		return dateWithTime(parts, 'is not a real calendar date', timeZone);
	}
	const dmy = format === 'YYYY-MM-DD' ? null : DAY_MONTH_YEAR.exec(value);
	if (dmy) {
		const [first, second, year] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
		const dayFirst = format === 'DD/MM/YYYY';
		const parts = {
			year,
			month: dayFirst ? second : first,
			day: dayFirst ? first : second,
			rest: dmy[5] ?? ''
		};
		return dateWithTime(parts, `is not a real calendar date in ${format}`, timeZone);
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

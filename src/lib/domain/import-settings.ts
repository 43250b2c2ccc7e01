/** The Configure step's choices, with their defaults and the checks that make them usable. */
import { addYears, formatDate, isIsoDate } from './dates';
import type { CardFormat, CardIdType, DateFormat, IsoDate, OverwritePolicy } from './model';
import { CARD_FORMATS } from './wiegand';
import { fail, ok, type Result } from './result';

export const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'];
export const CARD_ID_TYPES: readonly CardIdType[] = ['decimal', 'hexadecimal'];
export const OVERWRITE_POLICIES: readonly OverwritePolicy[] = ['keep', 'overwrite'];

export interface ImportSettings {
	overwrite: OverwritePolicy;
	cardIdType: CardIdType;
	/**
	 * The format of the file's cards, unless a row's Card format cell says otherwise. Absent in
	 * settings stored before Wiegand formats existed, which is CSN.
	 */
	cardFormat?: CardFormat;
	/** Validity of cards whose row has no start/end date of its own. */
	startDate: IsoDate;
	endDate: IsoDate;
	dateFormat: DateFormat;
	/** 1-based row of the header, as a spreadsheet numbers it. */
	headerRow: number;
}

/** Keep existing info, Decimal CSN cards, valid from today for one year, ISO dates, header on row 1. */
export function defaultImportSettings(today: IsoDate): ImportSettings {
	return {
		overwrite: 'keep',
		cardIdType: 'decimal',
		cardFormat: 'csn',
		startDate: today,
		endDate: addYears(today, 1),
		dateFormat: 'YYYY-MM-DD',
		headerRow: 1
	};
}

/** Checks settings that came from a form or storage; every problem is listed. */
export function validateImportSettings(s: ImportSettings): Result<ImportSettings, string> {
	const problems: string[] = [];
	if (!OVERWRITE_POLICIES.includes(s.overwrite)) {
		problems.push(`Overwrite user data "${String(s.overwrite)}" is not a choice`);
	}
	if (!CARD_ID_TYPES.includes(s.cardIdType)) {
		problems.push(`Card ID type "${String(s.cardIdType)}" is not Decimal or Hexadecimal`);
	}
	if (s.cardFormat !== undefined && !CARD_FORMATS.includes(s.cardFormat)) {
		problems.push(`Card format "${String(s.cardFormat)}" is not a choice`);
	}
	if (!DATE_FORMATS.includes(s.dateFormat)) {
		problems.push(`Date format "${String(s.dateFormat)}" is not one of ${DATE_FORMATS.join(', ')}`);
	}
	const startOk = isIsoDate(s.startDate);
	const endOk = isIsoDate(s.endDate);
	// The dates are typed and shown in the chosen format (YYYY-MM-DD is always understood).
	const shown = DATE_FORMATS.includes(s.dateFormat) ? s.dateFormat : 'YYYY-MM-DD';
	const accepted = shown === 'YYYY-MM-DD' ? shown : `${shown} or YYYY-MM-DD`;
	if (!startOk) problems.push(`Start date "${s.startDate}" is not a real date — use ${accepted}`);
	if (!endOk) problems.push(`End date "${s.endDate}" is not a real date — use ${accepted}`);
	// ISO dates compare correctly as strings.
	if (startOk && endOk && s.endDate < s.startDate) {
		problems.push(
			`End date ${formatDate(s.endDate, shown)} is before Start date ${formatDate(s.startDate, shown)}`
		);
	}
	if (!Number.isInteger(s.headerRow) || s.headerRow < 1) {
		problems.push(`Header row "${String(s.headerRow)}" must be a whole number of 1 or more`);
	}
	return problems.length === 0 ? ok(s) : fail(...problems);
}

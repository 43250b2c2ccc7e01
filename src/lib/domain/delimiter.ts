/**
 * Which character separates the cells. Excel writes `;` where the decimal separator is a comma,
 * tabs come from copy-paste, `|` from old HR systems. The right delimiter is the one that splits
 * every record into the same number of cells, counting only delimiters outside quotes.
 */

export type Delimiter = ',' | ';' | '\t' | '|';
/** In order of preference when two are equally convincing. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Excel's `sep=;` first line names the delimiter outright. */
const SEP_LINE = /^\uFEFF?sep=(.)\s*(?:\r\n|\n|\r|$)/i;
/** Enough records to judge; more only costs time. */
const MAX_RECORDS = 100;

export function isDelimiter(value: string): value is Delimiter {
	return (DELIMITERS as readonly string[]).includes(value);
}

/** The delimiter named by a `sep=` first line, if the text has one. */
export function sepLineDelimiter(text: string): Delimiter | null {
	const m = SEP_LINE.exec(text);
	const named = m?.[1];
	return named !== undefined && isDelimiter(named) ? named : null;
}

/** Length of the `sep=` line including its line break, or 0. */
export function sepLineLength(text: string): number {
	return sepLineDelimiter(text) === null ? 0 : (SEP_LINE.exec(text)?.[0].length ?? 0);
}

/** Cells per record, RFC 4180 style: quotes open only at a cell's start; records may span lines. */
export function fieldCounts(text: string, delimiter: string, maxRecords = MAX_RECORDS): number[] {
	const counts: number[] = [];
	let fields = 1;
	let inQuotes = false;
	let atCellStart = true;
	let recordHasContent = false;
	for (let i = 0; i < text.length && counts.length < maxRecords; i++) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"') {
				if (text[i + 1] === '"') i++;
				else inQuotes = false;
			}
			continue;
		}
		if (ch === '"' && atCellStart) {
			inQuotes = true;
			atCellStart = false;
			recordHasContent = true;
		} else if (ch === delimiter) {
			fields++;
			atCellStart = true;
			recordHasContent = true;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			if (recordHasContent) counts.push(fields);
			fields = 1;
			atCellStart = true;
			recordHasContent = false;
		} else {
			atCellStart = false;
			recordHasContent = true;
		}
	}
	if (recordHasContent && counts.length < maxRecords) counts.push(fields);
	return counts;
}

/** How convincing a delimiter is: share of records with the usual cell count, times log2(cells). */
export function delimiterScore(text: string, delimiter: Delimiter): number {
	const counts = fieldCounts(text, delimiter);
	if (counts.length === 0) return 0;
	const frequency = new Map<number, number>();
	for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
	let mode = 1;
	let modeFrequency = 0;
	for (const [count, times] of frequency) {
		if (times > modeFrequency || (times === modeFrequency && count > mode)) {
			mode = count;
			modeFrequency = times;
		}
	}
	if (mode <= 1) return 0;
	return (modeFrequency / counts.length) * Math.log2(mode);
}

/**
 * Detects the delimiter of a sample (the head of a file, possibly cut mid-record: the last,
 * partial record counts like any other, which only lowers every score a little). Comma when
 * nothing is convincing, e.g. a single-column file.
 */
export function detectDelimiter(text: string): Delimiter {
	const named = sepLineDelimiter(text);
	if (named) return named;
	let best: Delimiter = ',';
	let bestScore = 0;
	for (const d of DELIMITERS) {
		const score = delimiterScore(text, d);
		// Strictly better only: ties keep the earlier, more common delimiter.
		if (score > bestScore + 1e-9) {
			best = d;
			bestScore = score;
		}
	}
	return best;
}

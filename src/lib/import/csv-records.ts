import { refusal } from '$lib/domain/errors';
import { formatBytes } from '$lib/domain/format-bytes';
import { sepLineDelimiter } from '$lib/domain/file-sniff';
import { createCsvParser } from './papa-parser';

export interface RecordBatch {
	/** Records of this batch, in file order; each is a row's cells. */
	records: string[][];
	/** Problems PapaParse found, by index into `records` (e.g. a quote never closed). */
	problems: Map<number, string>;
	/** Bytes of the file read so far (for progress). */
	bytesRead: number;
}

export interface ReadOptions {
	encoding: string;
	/** Bytes of byte-order mark at the start of the file, skipped before decoding. */
	bomLength: number;
	delimiter: string;
	/** Bytes read and decoded per step. */
	sliceBytes?: number;
}

const DEFAULT_SLICE = 1024 * 1024;

/**
 * Streams the records of a CSV Blob: reads it slice by slice, decodes strictly (bytes that are not
 * valid in the chosen encoding stop the read with NOT_UTF8 rather than turning into "�"),
 * normalises CR and CRLF line ends to LF (files mix them), drops Excel's `sep=;` line, and parses
 * incrementally. Memory stays at one slice plus one incomplete record, whatever the file's size.
 */
export async function* readRecords(blob: Blob, options: ReadOptions): AsyncGenerator<RecordBatch> {
	const sliceBytes = options.sliceBytes ?? DEFAULT_SLICE;
	const decoder = new TextDecoder(options.encoding, { fatal: true, ignoreBOM: true });
	const parser = createCsvParser(options.delimiter);
	let position = options.bomLength;
	let pending = '';
	let heldCarriageReturn = false;
	let first = true;

	while (position < blob.size || pending !== '' || heldCarriageReturn) {
		const end = Math.min(blob.size, position + sliceBytes);
		const last = end >= blob.size;
		const bytes = new Uint8Array(await blob.slice(position, end).arrayBuffer());
		let text = decodeStrict(decoder, bytes, !last, options.encoding, position);
		position = end;

		if (heldCarriageReturn) text = `\r${text}`;
		// A CR at the end of a slice may be the first half of a CRLF: keep it for the next slice.
		heldCarriageReturn = !last && text.endsWith('\r');
		if (heldCarriageReturn) text = text.slice(0, -1);
		text = text.replace(/\r\n?/g, '\n');

		const input = pending + text;
		const piece = parser.parse(input, 0, !last);
		pending = last ? '' : input.slice(piece.meta.cursor);
		const records = piece.data;
		const problems = new Map<number, string>();
		for (const error of piece.errors) {
			if (error.row !== undefined) problems.set(error.row, describeParseError(error.code));
		}
		if (first) {
			first = false;
			if (isSepLine(records[0], options.delimiter)) {
				records.shift();
				shiftProblems(problems);
			}
		}
		if (last && records.length > 0 && isTrailingEmpty(records[records.length - 1])) {
			records.pop();
		}
		yield { records, problems, bytesRead: position };
		if (last) return;
	}
}

function decodeStrict(
	decoder: TextDecoder,
	bytes: Uint8Array,
	stream: boolean,
	encoding: string,
	offset: number
): string {
	try {
		return decoder.decode(bytes, { stream });
	} catch {
		throw refusal(
			'NOT_UTF8',
			`The file is not valid ${encoding.toUpperCase()} after the first ${formatBytes(offset)}: part of it was saved in another encoding. Save the whole file as CSV UTF-8, or choose the encoding it was saved in.`
		);
	}
}

/** Excel's `sep=;` hint line; with `;` as delimiter it parses as the two cells `sep=` and ``. */
function isSepLine(record: string[] | undefined, delimiter: string): boolean {
	return record !== undefined && sepLineDelimiter(record.join(delimiter)) !== null;
}

/** The empty record PapaParse yields after a final line break. */
function isTrailingEmpty(record: string[] | undefined): boolean {
	return record?.length === 1 && record[0] === '';
}

function shiftProblems(problems: Map<number, string>): void {
	const shifted = [...problems].map(([row, message]) => [row - 1, message] as const);
	problems.clear();
	for (const [row, message] of shifted) if (row >= 0) problems.set(row, message);
}

function describeParseError(code: string): string {
	switch (code) {
		case 'MissingQuotes':
			return 'A quoted cell on this row is never closed, so the rest of the file was read into it. Close the quote (or remove it) and import again.';
		case 'InvalidQuotes':
			return 'A cell on this row has a quote in the middle of unquoted text. Put the whole cell in quotes and double the quotes inside it.';
		default:
			return 'This row could not be read as CSV.';
	}
}

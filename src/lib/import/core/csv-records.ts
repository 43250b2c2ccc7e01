import { AppFailure, appError } from '../../domain/errors';
import { formatBytes } from '../../domain/format-bytes';
import { sepLineDelimiter } from '../../domain/file-sniff';
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
	/** Records yielded so far: a byte that cannot be decoded is then named by its row. */
	let recordsBefore = 0;

	while (position < blob.size || pending !== '' || heldCarriageReturn) {
		const end = Math.min(blob.size, position + sliceBytes);
		const last = end >= blob.size;
		const bytes = new Uint8Array(await blob.slice(position, end).arrayBuffer());
		let text: string;
		try {
			text = decoder.decode(bytes, { stream: !last });
		} catch {
			const offset = position + firstUndecodable(bytes, options.encoding);
			const before = `${pending}${heldCarriageReturn ? '\r' : ''}${decodePrefix(bytes, offset - position, options.encoding)}`;
			const row = recordsBefore + completeRecords(before, options.delimiter, first) + 1;
			throw notDecodable(options.encoding, offset, row);
		}
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
		recordsBefore += records.length;
		yield { records, problems, bytesRead: position };
		if (last) return;
	}
}

/**
 * Reads the whole file through the strict decoder without parsing it, and refuses it with the
 * same NOT_UTF8 as `readRecords` (offset and row) if any byte cannot be decoded. An import checks
 * this before its first write, so a file that breaks off is never half-imported.
 */
export async function assertDecodable(blob: Blob, options: ReadOptions): Promise<void> {
	const sliceBytes = options.sliceBytes ?? DEFAULT_SLICE;
	const decoder = new TextDecoder(options.encoding, { fatal: true, ignoreBOM: true });
	for (let position = options.bomLength; position < blob.size; position += sliceBytes) {
		const end = Math.min(blob.size, position + sliceBytes);
		const bytes = new Uint8Array(await blob.slice(position, end).arrayBuffer());
		try {
			decoder.decode(bytes, { stream: end < blob.size });
		} catch {
			// Rare, so the rows are read again to name the row the byte is on.
			for await (const _batch of readRecords(blob, options)) {
				// readRecords throws the detailed refusal when it reaches the byte.
			}
			throw notDecodable(options.encoding, position, null);
		}
	}
}

/** True when `bytes` decode; `unfinished` allows a character cut off at their end. */
function decodes(bytes: Uint8Array, encoding: string, unfinished: boolean): boolean {
	try {
		new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, {
			stream: unfinished
		});
		return true;
	} catch {
		return false;
	}
}

/** The longest a character is in any encoding TextDecoder reads (UTF-8, GB18030: 4 bytes). */
const MAX_CHARACTER_BYTES = 4;

/**
 * The index of the first byte of a slice that cannot be decoded. The shortest prefix that fails
 * ends with the byte that made it fail; the character it broke starts at most a few bytes before,
 * where everything before it decodes whole. A fresh decoder starts at the slice, so a character
 * split across the previous slice's end is found at the slice's first byte.
 */
function firstUndecodable(bytes: Uint8Array, encoding: string): number {
	let good = 0;
	let bad = bytes.length;
	while (bad - good > 1) {
		const middle = Math.floor((good + bad) / 2);
		if (decodes(bytes.subarray(0, middle), encoding, true)) good = middle;
		else bad = middle;
	}
	const failing = bad - 1;
	for (let start = failing; start > failing - MAX_CHARACTER_BYTES && start >= 0; start -= 1) {
		if (decodes(bytes.subarray(0, start), encoding, false)) return start;
	}
	return failing;
}

function decodePrefix(bytes: Uint8Array, length: number, encoding: string): string {
	const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, length), {
		stream: true
	});
	return text.replace(/\r\n?/g, '\n');
}

/** Complete records in `text` (the record still open is the one the bad byte is on). */
function completeRecords(text: string, delimiter: string, first: boolean): number {
	const records = createCsvParser(delimiter).parse(text, 0, true).data;
	return first && isSepLine(records[0], delimiter) ? records.length - 1 : records.length;
}

function notDecodable(encoding: string, offset: number, row: number | null): AppFailure {
	const where = `${row === null ? '' : `on row ${row.toLocaleString('en')}, `}at byte ${offset.toLocaleString('en')} (${formatBytes(offset)} into the file)`;
	return new AppFailure(
		appError(
			'NOT_UTF8',
			`The file is not valid ${encoding.toUpperCase()} ${where}: part of it was saved in another encoding. Save the whole file as CSV UTF-8, or choose the encoding it was saved in.`,
			row === null ? { offset } : { offset, row }
		)
	);
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

/**
 * The first look at a file the admin dropped (an Excel workbook is told apart by isWorkbookHead and
 * read elsewhere): refuse what cannot be a CSV with a message that says what to do, find the encoding (never decoding non-UTF-8 silently) and the delimiter. Works on
 * the head of the file only, so a big file is never read whole into one string here.
 */
import { detectDelimiter, sepLineDelimiter, type Delimiter } from './delimiter';
import { decodeAs, rankLegacyEncodings } from './encoding-guess';
import { appError, type AppError } from './errors';
import { fail, ok, type Result } from './result';

export { cleanHeaderNames } from './header-names';
export { detectDelimiter, DELIMITERS, sepLineDelimiter, type Delimiter } from './delimiter';
export { LEGACY_ENCODINGS } from './encoding-guess';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** How much of the file to pass to sniffFile. */
export const SNIFF_BYTES = 64 * 1024;

export interface EncodingCandidate {
	/** WHATWG label, usable with `new TextDecoder(label)`. */
	label: string;
	/** The first line decoded in this encoding, so the admin can see which one reads right. */
	headerPreview: string;
	score: number;
}

export interface FileFacts {
	/** The best encoding (WHATWG label). */
	encoding: string;
	/** Bytes of byte-order mark to skip before decoding (0, 2 or 3). */
	bomLength: number;
	validUtf8: boolean;
	/** Ranked, best first; for valid UTF-8 (or a UTF-16 BOM) just that one. */
	candidates: EncodingCandidate[];
	delimiter: Delimiter;
	/**
	 * The first line is Excel's `sep=;` hint, not data: the header is on the line after it
	 * (as Excel shows the file). `delimiter` already follows the hint.
	 */
	hasSepLine: boolean;
	/**
	 * The decoded head, without BOM. When the head is not the whole file it is cut after its last
	 * complete line, so previews never show a half row.
	 */
	sampleText: string;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
	signature.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2_XLS = [0xd0, 0xcf, 0x11, 0xe0];
const NOT_TEXT: readonly { name: string; signature: readonly number[] }[] = [
	{ name: 'a PNG image', signature: [0x89, 0x50, 0x4e, 0x47] },
	{ name: 'a JPEG image', signature: [0xff, 0xd8, 0xff] },
	{ name: 'a GIF image', signature: [0x47, 0x49, 0x46, 0x38] },
	{ name: 'a PDF document', signature: [0x25, 0x50, 0x44, 0x46] }
];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

const megabytes = (bytes: number): string =>
	`${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** The first line of a text, cut to a length a select option can show. */
export function firstLine(text: string): string {
	const line = /^[^\r\n]*/.exec(text)?.[0] ?? '';
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** UTF-16 without a BOM shows as NUL bytes on every other position. */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const pairs = Math.floor(Math.min(head.length, 4096) / 2);
	if (pairs < 2) return null;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < pairs; i++) {
		if (head[2 * i] === 0) evenNul++;
		if (head[2 * i + 1] === 0) oddNul++;
	}
	if (oddNul >= pairs * 0.4 && evenNul === 0) return 'utf-16le';
	if (evenNul >= pairs * 0.4 && oddNul === 0) return 'utf-16be';
	return null;
}

/**
 * True when the file starts as a ZIP archive, which is what an Excel workbook (.xlsx) is: it is
 * read as a workbook (import/workbook.ts), not sniffed as text.
 */
export function isWorkbookHead(head: Uint8Array): boolean {
	return startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY);
}

/** The size policy, the same for a CSV and a workbook: not empty, not over the limit. */
export function sizeRefusal(head: Uint8Array, fileSize: number, maxBytes: number): AppError | null {
	if (fileSize === 0 || head.length === 0) {
		return appError(
			'FILE_EMPTY',
			'The file is empty. Choose a CSV file with a header row and at least one user, or download the template.'
		);
	}
	if (fileSize > maxBytes) {
		return appError(
			'FILE_TOO_LARGE',
			`The file is ${megabytes(fileSize)}, over the ${megabytes(maxBytes)} limit. Split it into smaller files, or raise the limit in Settings.`,
			{ fileSize, maxBytes }
		);
	}
	return null;
}

/** Refusals that need no decoding: size and signatures. */
function refuse(head: Uint8Array, fileSize: number, maxBytes: number): AppError | null {
	const sized = sizeRefusal(head, fileSize, maxBytes);
	if (sized) return sized;
	if (startsWith(head, OLE2_XLS)) {
		// An .xlsx with a password is stored in the same container as an old .xls.
		return appError(
			'FILE_IS_SPREADSHEET',
			'This is an old Excel workbook (.xls) or a workbook with a password, which Roster cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx) without a password, or save it as CSV UTF-8 in Excel (File › Save As › CSV UTF-8), then upload that file.'
		);
	}
	for (const { name, signature } of NOT_TEXT) {
		if (startsWith(head, signature)) {
			return appError(
				'FILE_NOT_TEXT',
				`This is ${name}, not a CSV file. Choose the CSV file of users.`
			);
		}
	}
	return null;
}

/** Cuts a truncated head after its last line break, so no half row is shown. */
function completeLines(text: string, truncated: boolean): string {
	if (!truncated) return text;
	const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
	return last >= 0 ? text.slice(0, last + 1) : text;
}

function facts(
	encoding: string,
	bomLength: number,
	validUtf8: boolean,
	candidates: EncodingCandidate[],
	text: string,
	truncated: boolean
): FileFacts {
	const sampleText = completeLines(text, truncated);
	return {
		encoding,
		bomLength,
		validUtf8,
		candidates,
		delimiter: detectDelimiter(sampleText),
		hasSepLine: sepLineDelimiter(sampleText) !== null,
		sampleText
	};
}

/**
 * Judges the head of a file (its first ≤ 64 KiB) given the whole file's size.
 * Never throws: anything unexpected becomes a refusal or a ranked guess.
 */
export function sniffFile(
	head: Uint8Array,
	fileSize: number,
	maxBytes: number
): Result<FileFacts, AppError> {
	const refusal = refuse(head, fileSize, maxBytes);
	if (refusal) return fail(refusal);
	// The head may end inside a multi-byte character: stream mode leaves that partial one out
	// instead of calling the file invalid.
	const truncated = head.length < fileSize;

	const utf16 = startsWith(head, UTF16LE_BOM)
		? { label: 'utf-16le', bom: 2 }
		: startsWith(head, UTF16BE_BOM)
			? { label: 'utf-16be', bom: 2 }
			: null;
	const bomless = utf16 ? null : utf16WithoutBom(head);
	if (utf16 || bomless) {
		const label = utf16?.label ?? bomless ?? 'utf-16le';
		const bom = utf16?.bom ?? 0;
		const decoded = decodeAs(head.subarray(bom), label, truncated);
		const text = decoded?.text ?? '';
		return ok(
			facts(
				label,
				bom,
				false,
				[{ label, headerPreview: firstLine(text), score: 1 }],
				text,
				truncated
			)
		);
	}

	// NUL bytes in the head mean a binary file, refused whole. The rest of the file is never seen
	// here: a control character in a later cell fails its row by the field rules
	// (controlCharacterProblem in field-rules.ts), as the same character in the head would in text.
	if (head.includes(0)) {
		return fail(
			appError(
				'FILE_NOT_TEXT',
				'This file is not text (it contains binary data), so it cannot be a CSV. Choose the CSV file of users, or save your spreadsheet as CSV UTF-8.'
			)
		);
	}

	const bomLength = startsWith(head, UTF8_BOM) ? 3 : 0;
	const body = head.subarray(bomLength);
	const utf8 = decodeAs(body, 'utf-8', truncated);
	if (utf8?.valid) {
		const candidates = [{ label: 'utf-8', headerPreview: firstLine(utf8.text), score: 1 }];
		return ok(facts('utf-8', bomLength, true, candidates, utf8.text, truncated));
	}

	const ranked = rankLegacyEncodings(body, truncated);
	const best = ranked[0];
	const candidates: EncodingCandidate[] = ranked.map((c) => ({
		label: c.label,
		headerPreview: firstLine(c.text),
		score: c.score
	}));
	// Without full ICU nothing but UTF-8 may decode: offer UTF-8 with replacement characters.
	const text = best?.text ?? new TextDecoder('utf-8').decode(body, { stream: truncated });
	if (!best) candidates.push({ label: 'utf-8', headerPreview: firstLine(text), score: -10 });
	return ok(facts(best?.label ?? 'utf-8', bomLength, false, candidates, text, truncated));
}

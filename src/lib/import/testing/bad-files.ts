/**
 * What each file of tests/fixtures/bad/ must end in: refused at upload with an error code,
 * refused at Import by the whole-file check, or imported with these counts. Shared by the engine's unit test
 * and the browser test of the wizard.
 */
export type BadFileOutcome =
	| { refused: string }
	/** The whole-file check refuses it before anything is written; the message names the row. */
	| { undecodable: { code: string; row: number; offset: number } }
	| {
			succeeded: number;
			failed: number;
			skipped?: number;
			encoding?: string;
			/** Text the failed-results file must contain (CSV-quoted). */
			failedMessage?: string;
	  };

export const BAD_FILES: Record<string, BadFileOutcome> = {
	'empty.csv': { refused: 'FILE_EMPTY' },
	'bom-only.csv': { refused: 'FILE_EMPTY' },
	'blank-lines-only.csv': { refused: 'FILE_EMPTY' },
	'header-only.csv': { succeeded: 0, failed: 0 },
	'png-renamed.csv': { refused: 'FILE_NOT_TEXT' },
	'jpeg-renamed.csv': { refused: 'FILE_NOT_TEXT' },
	'pdf-renamed.csv': { refused: 'FILE_NOT_TEXT' },
	'nul-bytes.csv': { refused: 'FILE_NOT_TEXT' },
	'xlsx-renamed.csv': { refused: 'FILE_IS_SPREADSHEET' },
	'xls-renamed.csv': { refused: 'FILE_IS_SPREADSHEET' },
	'utf16le-no-bom.csv': { succeeded: 2, failed: 0, encoding: 'utf-16le' },
	'utf16be-bom.csv': { succeeded: 2, failed: 0, encoding: 'utf-16be' },
	'windows-1252.csv': { succeeded: 2, failed: 0, encoding: 'windows-1252' },
	'mixed-encodings.csv': { undecodable: { code: 'NOT_UTF8', row: 2002, offset: 83_018 } },
	'quote-unclosed-start.csv': { succeeded: 0, failed: 1, failedMessage: 'is never closed' },
	'quote-unclosed-middle.csv': { succeeded: 1, failed: 1, failedMessage: 'is never closed' },
	'quote-unclosed-end.csv': { succeeded: 2, failed: 1, failedMessage: 'is never closed' },
	'quote-in-unquoted-cell.csv': { succeeded: 2, failed: 0 },
	'mixed-line-endings.csv': { succeeded: 4, failed: 0 },
	'cell-3mb.csv': { succeeded: 2, failed: 1, failedMessage: 'is longer than 100 characters' },
	'columns-5000.csv': { refused: 'TOO_MANY_COLUMNS' },
	'duplicate-blank-headers.csv': { succeeded: 2, failed: 0 },
	'ragged-rows.csv': { succeeded: 3, failed: 1, failedMessage: 'Name is missing' },
	'every-cell-quoted.csv': { succeeded: 1, failed: 0 },
	'trailing-delimiters.csv': { succeeded: 2, failed: 0 },
	'excel-sep-line.csv': { succeeded: 2, failed: 0 },
	'formula-cells.csv': { succeeded: 1, failed: 1, failedMessage: `"'=7001"` },
	'rtl-emoji-names.csv': { succeeded: 3, failed: 0 },
	'card-64bit-boundaries.csv': {
		succeeded: 4,
		failed: 3,
		failedMessage: 'is larger than 64 bits'
	},
	'dates-leap-and-bounds.csv': {
		succeeded: 3,
		failed: 4,
		failedMessage: 'Card start date ""2023-02-29"" is not a real calendar date'
	}
};

import Papa from 'papaparse';

/** What PapaParse's incremental parser returns for one piece of text. */
export interface ParsedPiece {
	data: string[][];
	errors: { row?: number; message: string; code: string }[];
	/** Where parsing stopped in the input: the start of the row left out as incomplete. */
	meta: { cursor: number };
}

/** PapaParse's ParserHandle: the incremental parser its own streamers use (not in its types). */
interface ParserHandle {
	parse(input: string, baseIndex: number, ignoreLastRow: boolean): ParsedPiece;
}

interface PapaWithHandle {
	ParserHandle: new (config: Papa.ParseConfig) => ParserHandle;
}

/**
 * An incremental CSV parser: feed it text piece by piece; each call returns the complete records
 * and how much of the text they used. We drive it ourselves (rather than Papa's FileStreamer)
 * because we decode the bytes ourselves, strictly, in the encoding the admin chose.
 */
export function createCsvParser(delimiter: string): ParserHandle {
	const { ParserHandle } = Papa as unknown as PapaWithHandle;
	return new ParserHandle({ delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
}

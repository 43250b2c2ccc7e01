import { readRecords, type RecordBatch } from './csv-records';
import type { NumberedRecord } from './judge-rows';
import { sheetBatches } from './sheet-batches';

/** The parts of a session that say how to read its file. */
export interface ReadableFile {
	file: Blob;
	encoding: string;
	bomLength: number;
	delimiter: string;
	/** 1-based row of the header; rows above it are titles, not data. */
	headerRow: number;
	/** For an Excel workbook: the chosen sheet's rows as text (encoding and delimiter unused). */
	sheet?: () => Promise<readonly (readonly string[])[]>;
}

/** The file's records in batches: a workbook's chosen sheet, else the CSV as it streams in. */
function recordBatches(source: ReadableFile, sliceBytes?: number): AsyncGenerator<RecordBatch> {
	if (source.sheet) return sheetBatches(source.sheet, source.file.size);
	return readRecords(source.file, sliceBytes === undefined ? source : { ...source, sliceBytes });
}

export interface RowBatch {
	rows: NumberedRecord[];
	bytesRead: number;
}

/**
 * The data rows of a file, in order and numbered as a spreadsheet numbers them (the header and
 * any title rows above it count), in batches as the file streams in.
 */
export async function* dataRows(source: ReadableFile): AsyncGenerator<RowBatch> {
	let index = 0;
	for await (const batch of recordBatches(source)) {
		const rows: NumberedRecord[] = [];
		batch.records.forEach((cells, offset) => {
			index += 1;
			if (index <= source.headerRow) return;
			const problem = batch.problems.get(offset);
			rows.push(problem ? { row: index, cells, problem } : { row: index, cells });
		});
		yield { rows, bytesRead: batch.bytesRead };
	}
}

/** The first `count` records of the file (for choosing the header row), read from its head. */
export async function leadingRecords(source: ReadableFile, count: number): Promise<string[][]> {
	const records: string[][] = [];
	for await (const batch of recordBatches(source, 64 * 1024)) {
		records.push(...batch.records);
		if (records.length >= count) break;
	}
	return records.slice(0, count);
}

/** Re-cuts batches of rows into chunks of exactly `size` rows (the last may be shorter). */
export async function* inChunks(
	batches: AsyncIterable<RowBatch>,
	size: number
): AsyncGenerator<RowBatch> {
	let rows: NumberedRecord[] = [];
	let bytesRead = 0;
	for await (const batch of batches) {
		bytesRead = batch.bytesRead;
		for (const row of batch.rows) {
			rows.push(row);
			if (rows.length === size) {
				yield { rows, bytesRead };
				rows = [];
			}
		}
	}
	if (rows.length > 0) yield { rows, bytesRead };
}

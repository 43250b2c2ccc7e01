import type { RecordBatch } from './csv-records';

/** Rows handed on per batch, so a pass over a large sheet yields to other work as a CSV read does. */
const SHEET_BATCH_ROWS = 2000;

/**
 * A sheet's rows in the batches the CSV reader yields: the engine, dry run, resume and result
 * files read both alike. `bytesRead` grows with the rows (a workbook is unpacked whole), so
 * progress and time left read the same as for a CSV.
 */
export async function* sheetBatches(
	rows: () => Promise<readonly (readonly string[])[]>,
	fileSize: number
): AsyncGenerator<RecordBatch> {
	const all = await rows();
	for (let start = 0; start < all.length; start += SHEET_BATCH_ROWS) {
		const end = Math.min(all.length, start + SHEET_BATCH_ROWS);
		// Copies: the rows stay cached for the next pass, whatever this one does with its cells.
		const records = all.slice(start, end).map((cells) => [...cells]);
		yield { records, problems: new Map(), bytesRead: Math.round((fileSize * end) / all.length) };
	}
}

import { unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { refusal } from '$lib/domain/errors';
import {
	isExcelNumber,
	sheetRows,
	type ExcelNumber,
	type SheetCell,
	type SheetRows
} from '$lib/domain/sheet-cells';
export { sheetBatches } from './core/sheet-batches';

/** One sheet of a workbook, its cells already as text (docs/architecture.md, "Excel workbooks"). */
export interface WorkbookSheet extends SheetRows {
	name: string;
}

/**
 * Reads every sheet of an .xlsx file, in the workbook's order. Numbers are taken as the XML writes
 * them (never through a float), dates as dates, booleans and formula results as their values.
 * A file that is not a readable workbook is refused with what to do.
 */
export async function readWorkbook(file: Blob): Promise<WorkbookSheet[]> {
	try {
		const archive = storedArchive(new Uint8Array(await file.arrayBuffer()));
		const sheets = await readXlsxFile<ExcelNumber>(archive.buffer as ArrayBuffer, {
			parseNumber: (text) => ({ excelNumber: text }),
			// Cells are kept as typed, as the CSV path keeps them: the field rules trim.
			trim: false
		});
		return sheets.map(({ sheet, data }) => ({
			name: sheet,
			...sheetRows(data.map((row) => row.map(asCell)))
		}));
	} catch {
		throw refusal(
			'FILE_IS_SPREADSHEET',
			'This file looks like an Excel workbook (.xlsx) but cannot be read: it is damaged, or it is another kind of ZIP file. Open it in Excel and save it again as an Excel Workbook (.xlsx), or save it as CSV UTF-8 in Excel (File › Save As › CSV UTF-8), then upload that file.'
		);
	}
}

/**
 * The workbook's XML parts, re-packed without compression. read-excel-file unzips with fflate's
 * asynchronous `unzip`, which inflates every large part in a nested Worker; a SharedWorker has no
 * `Worker` in Chromium, so that would fail on any sheet over 512 KB. Inflated here, on this
 * thread, the parts reach the library stored, and it only copies them.
 */
function storedArchive(bytes: Uint8Array): Uint8Array {
	const parts = unzipSync(bytes, {
		filter: (entry) => entry.name.endsWith('.xml') || entry.name.endsWith('.xml.rels')
	});
	return zipSync(parts, { level: 0 });
}

/**
 * The reader's cell as our type (its typings name `typeof Date` where it returns a Date, and a
 * number only comes as a plain number when no parseNumber is given).
 */
function asCell(value: unknown): SheetCell {
	if (
		value === null ||
		typeof value === 'string' ||
		typeof value === 'boolean' ||
		value instanceof Date ||
		isExcelNumber(value)
	) {
		return value;
	}
	return typeof value === 'number' ? { excelNumber: String(value) } : null;
}

/**
 * The last workbook read, by session: Configure's preview, the dry run and the import each read
 * the sheet again, and an .xlsx can only be unpacked whole. One entry is kept, so memory holds at
 * most one workbook; a new worker (after a crash) reads the stored file again and gets the same
 * rows, which is what Resume relies on.
 */
export class WorkbookCache {
	#entry: { key: string; sheets: Promise<WorkbookSheet[]> } | null = null;

	read(key: string, file: Blob): Promise<WorkbookSheet[]> {
		if (this.#entry?.key === key) return this.#entry.sheets;
		const sheets = readWorkbook(file);
		const entry = { key, sheets };
		this.#entry = entry;
		// A refusal is not kept: the next call reads again.
		sheets.catch(() => {
			if (this.#entry === entry) this.#entry = null;
		});
		return sheets;
	}

	forget(key: string): void {
		if (this.#entry?.key === key) this.#entry = null;
	}
}

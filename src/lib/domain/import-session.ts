/** The import session record: plain data, stored by db/ and shown by the screens. */
import type { AppError } from './errors';
import type { Delimiter, EncodingCandidate } from './file-sniff';
import type { SessionStatus } from './import-lifecycle';
import type { ImportSettings } from './import-settings';
import type { Mapping } from './mapping';
import type { SessionId } from './model';
import type { UndoSkipped, UndoTally } from './undo-plan';

/** Where the admin is in the import wizard; persisted so a reload returns to the same step. */
export type WizardStep = 'configure' | 'import' | 'results' | 'continue';

export interface ImportCounters {
	created: number;
	updated: number;
	kept: number;
	failed: number;
	/** Completely empty rows, skipped and not counted as results. */
	skipped: number;
}

export interface ImportCursor {
	/** Data records (rows after the header) fully handled and committed. */
	rows: number;
	/** Bytes of the file read when the last committed chunk ended (for progress). */
	bytes: number;
	/** Chunks committed; the next chunk's number. */
	chunks: number;
}

/** An Excel workbook's sheets, and the one the admin imports from. */
export interface WorkbookChoice {
	/** Every sheet, in the workbook's order, with how many rows it has. */
	sheets: { name: string; rows: number }[];
	sheet: string;
}

/**
 * One import, from the file being chosen until the admin clicks Complete. Its source file is kept
 * apart, in importFiles, so that an interrupted import can resume after its tab is gone.
 */
export interface ImportSession {
	id: SessionId;
	status: SessionStatus;
	step: WizardStep;
	fileName: string;
	fileSize: number;
	encoding: string;
	/** Bytes of byte-order mark at the start of the file, never part of the data. */
	bomLength: number;
	/** False when the file is not UTF-8: Configure then offers the ranked legacy encodings. */
	validUtf8: boolean;
	/** Encodings the file could be in, best first, each with its header as it would read. */
	encodingCandidates: EncodingCandidate[];
	delimiter: Delimiter;
	/** Set when the file is an Excel workbook (.xlsx): encoding and delimiter then mean nothing. */
	workbook?: WorkbookChoice;
	settings: ImportSettings;
	mapping: Mapping;
	/** The header row's cells as in the file (the failed-results CSV repeats them). */
	header: string[];
	cursor: ImportCursor;
	counters: ImportCounters;
	/** Data records in the file, once known (counted by the dry run or at the end). */
	totalRows?: number;
	createdAt: number;
	updatedAt: number;
	startedAt?: number;
	finishedAt?: number;
	error?: AppError;
	/** Set once Undo has replayed the journal: nothing of this import remains. */
	undone?: boolean;
	/** What Undo left as it is because it changed since the import (kept through a resumed undo). */
	undoSkipped?: UndoSkipped;
	/** How far Undo got and what it removed and restored (kept through a resumed undo). */
	undoTally?: UndoTally;
}

export const EMPTY_COUNTERS: ImportCounters = {
	created: 0,
	updated: 0,
	kept: 0,
	failed: 0,
	skipped: 0
};
export const START_CURSOR: ImportCursor = { rows: 0, bytes: 0, chunks: 0 };

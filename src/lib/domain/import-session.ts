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

/**
 * What an import did. `created` … `skipped` count rows (Succeeded is created + updated + kept);
 * since a user may have several rows and a row several cards, users and cards are counted apart
 * (docs/architecture.md, "Several cards per user"). Those six are absent from sessions stored
 * before they existed (see `userAndCardCounts`).
 */
export interface ImportCounters {
	created: number;
	updated: number;
	kept: number;
	failed: number;
	/** Completely empty rows, skipped and not counted as results. */
	skipped: number;
	usersCreated?: number;
	usersUpdated?: number;
	usersKept?: number;
	cardsCreated?: number;
	cardsUpdated?: number;
	cardsKept?: number;
}

export type CounterKey = keyof ImportCounters;

export const COUNTER_KEYS: readonly CounterKey[] = [
	'created',
	'updated',
	'kept',
	'failed',
	'skipped',
	'usersCreated',
	'usersUpdated',
	'usersKept',
	'cardsCreated',
	'cardsUpdated',
	'cardsKept'
];

/** Adds `more` into `total`. */
export function addCounters(total: ImportCounters, more: ImportCounters): void {
	for (const key of COUNTER_KEYS) total[key] = (total[key] ?? 0) + (more[key] ?? 0);
}

export interface UserAndCardCounts {
	users: { created: number; updated: number; kept: number };
	/** null for a session stored before cards were counted. */
	cards: { created: number; updated: number; kept: number } | null;
}

/** Users and cards apart; an older session counted one user a row and no cards. */
export function userAndCardCounts(c: ImportCounters): UserAndCardCounts {
	const cards =
		c.cardsCreated === undefined
			? null
			: { created: c.cardsCreated, updated: c.cardsUpdated ?? 0, kept: c.cardsKept ?? 0 };
	return {
		users: {
			created: c.usersCreated ?? c.created,
			updated: c.usersUpdated ?? c.updated,
			kept: c.usersKept ?? c.kept
		},
		cards
	};
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

export const EMPTY_COUNTERS: Readonly<Required<ImportCounters>> = {
	created: 0,
	updated: 0,
	kept: 0,
	failed: 0,
	skipped: 0,
	usersCreated: 0,
	usersUpdated: 0,
	usersKept: 0,
	cardsCreated: 0,
	cardsUpdated: 0,
	cardsKept: 0
};
export const START_CURSOR: ImportCursor = { rows: 0, bytes: 0, chunks: 0 };

/** How far an undo got: journal chunks replayed of those the run committed. */
export function undoProgress(session: ImportSession): { done: number; total: number } {
	const total = Math.max(session.cursor.chunks, session.undoTally?.chunks ?? 0);
	return { done: session.undoTally?.chunks ?? 0, total };
}

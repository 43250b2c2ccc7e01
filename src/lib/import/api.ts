/**
 * The contract between the screens and the import worker. Everything here crosses the worker
 * boundary, so it is plain data: failures are Results carrying AppErrors, never thrown Errors.
 */
import type { AppError } from '$lib/domain/errors';
import type { FieldKey } from '$lib/domain/fields';
import type { ImportSettings } from '$lib/domain/import-settings';
import type { Mapping } from '$lib/domain/mapping';
import type { SessionId, UserId } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { Delimiter } from '$lib/domain/file-sniff';
import type { ImportCounters, ImportSession } from '$lib/domain/import-session';
import type { FixedRow, FixVerdict } from '$lib/domain/fixed-rows';
import type { FailedRecord } from '$lib/domain/result-files';

export type { FixedRow, FixVerdict } from '$lib/domain/fixed-rows';

/** What Configure shows about the file: the session and the rows around the header. */
export interface ConfigureView {
	session: ImportSession;
	/** The first records of the file as parsed now (for choosing the header row). */
	leadingRows: string[][];
	/** The header row's names, cleaned (trimmed, blanks and duplicates made distinct). */
	headerNames: string[];
	/** True when the mapping came from a saved profile for the same header row. */
	mappingRestored: boolean;
	/** The row (1-based) that looks like the column names; a new file starts with it. */
	suggestedHeaderRow: number;
	/** How many records the file has, when this view read all of them (a short file); else null. */
	recordsInFile: number | null;
	/** For a workbook: what the chosen sheet holds that the admin should know (numbers past 2^53). */
	sheetWarnings: string[];
}

export interface OpenOptions {
	/** The size limit in bytes (5 MB unless the admin raised it in Settings). */
	maxBytes: number;
	/**
	 * Settings to start from (Settings defaults; the last import's options override them, except
	 * the Card ID type, which always starts from Settings).
	 */
	defaults: ImportSettings;
}

export interface ConfigurePatch {
	encoding?: string;
	delimiter?: Delimiter;
	/** A workbook's sheet to import from: its header row and mapping are found again. */
	sheet?: string;
	settings?: ImportSettings;
	mapping?: Mapping;
}

export type RowOutcome = 'created' | 'updated' | 'kept' | 'failed' | 'empty';

export interface PreviewRow {
	row: number;
	outcome: RowOutcome;
	/** One per field of the preview, as it would be stored; blank for a failed row's cells. */
	values: string[];
	errors: string[];
	/** What is kept as given but worth a look: invisible bidi and zero-width characters. */
	warnings: string[];
	/** A later row of a User ID: it adds its cards to the user of this earlier row. */
	addsCardsToRow?: number;
}

export interface Preview {
	fields: FieldKey[];
	rows: PreviewRow[];
}

export interface DryRunSummary {
	counters: ImportCounters;
	/** Data rows in the file (empty ones included). */
	totalRows: number;
	/** The first failures, for Configure to list. */
	firstFailures: { row: number; error: string }[];
	/** Set when the file's card IDs do not look like the chosen Card ID type (both readings named). */
	cardTypeWarning: string | null;
	/** Set when some User IDs look like others that lost their leading zeros in Excel. */
	leadingZeroWarning: string | null;
}

export interface ImportProgress {
	rowsDone: number;
	bytesRead: number;
	fileSize: number;
	rowsPerSecond: number;
	/** Estimated from the bytes still to read; null until there is a rate to go by. */
	secondsLeft: number | null;
	counters: ImportCounters;
}

export type ResultKind = 'succeeded' | 'failed';

export interface IssueSummary {
	issued: number;
	alreadyIssued: number;
	revoked: number;
	/** Users of the import with no card at all (issued one at a time from their page). */
	withoutCardTotal: number;
	/** The first of them, by name. */
	withoutCard: { id: UserId; name: string }[];
}

export interface ImageReport {
	/** Images stored (new or replacing an older one). */
	matched: number;
	/** Of those, how many replaced an image the user already had. */
	replaced: number;
	/** Files whose name is no User ID of this import. */
	unmatched: string[];
	/** Files refused, with the reason (type, size, unreadable). */
	rejected: { name: string; reason: string }[];
}

/** The failed rows of a finished import, for See Results to fix in place. */
export interface FailedRowsView {
	/** In file order, with their cells as stored and their reasons. */
	rows: FailedRecord[];
}

/** What Import fixed rows did: the session afterwards and each row's verdict (imported or not). */
export interface FixSummary {
	session: ImportSession;
	verdicts: FixVerdict[];
}

export interface ImportApi {
	/** Checks the file, stores it in a new session and suggests (or restores) the mapping. */
	open(file: File, options: OpenOptions): Promise<Result<ConfigureView, AppError>>;
	/** The Configure view of an existing session (after a reload). */
	describe(id: SessionId): Promise<Result<ConfigureView, AppError>>;
	/** Changes encoding, delimiter, settings or mapping; re-reads the header when needed. */
	configure(id: SessionId, patch: ConfigurePatch): Promise<Result<ConfigureView, AppError>>;
	/** The first `count` data rows exactly as they would be imported. */
	preview(id: SessionId, count: number): Promise<Result<Preview, AppError>>;
	/** Judges the whole file against the database without writing anything. */
	dryRun(id: SessionId): Promise<Result<DryRunSummary, AppError>>;
	/** Runs (or resumes) the import; resolves when it ends, reporting progress a few times a second. */
	start(
		id: SessionId,
		onProgress: (progress: ImportProgress) => void
	): Promise<Result<ImportSession, AppError>>;
	/** Asks a running import to stop after the chunk in flight. */
	cancel(id: SessionId): Promise<void>;
	/** Accepts what a cancelled or interrupted run imported: the session becomes done. */
	keep(id: SessionId): Promise<Result<ImportSession, AppError>>;
	/** Replays the journal backwards: the database as it was before the import. */
	undo(id: SessionId): Promise<Result<ImportSession, AppError>>;
	/** A result file, built from the stored chunk records. */
	exportResults(
		id: SessionId,
		kind: ResultKind
	): Promise<Result<{ blob: Blob; fileName: string }, AppError>>;
	/** Issues the registered cards of this import's users, holding the import lock. */
	issueCards(id: SessionId): Promise<Result<IssueSummary, AppError>>;
	/** Matches image files to this import's users by file name and stores them resized. */
	attachImages(
		id: SessionId,
		files: File[],
		maxBytes: number,
		onProgress: (done: number, total: number) => void
	): Promise<Result<ImageReport, AppError>>;
	/** The failed rows of a finished import (See Results shows them in a grid to fix). */
	failedRows(id: SessionId): Promise<Result<FailedRowsView, AppError>>;
	/** Judges edited failed rows against the rules and the database, writing nothing. */
	judgeFixedRows(id: SessionId, rows: FixedRow[]): Promise<Result<FixVerdict[], AppError>>;
	/** Imports the fixed rows into the same session, holding the import lock. */
	importFixedRows(id: SessionId, rows: FixedRow[]): Promise<Result<FixSummary, AppError>>;
	/** Deletes the session's results, journal and file. */
	complete(id: SessionId): Promise<Result<void, AppError>>;
}

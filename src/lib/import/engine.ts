import { invisibleCharacterWarning } from '$lib/domain/invisible-warning';
import { CardCellTally, cardTypeWarning } from '$lib/domain/card-type-check';
import { DigitWidthTally, leadingZeroWarning } from '$lib/domain/leading-zeros';
import { refusal, toAppError, type AppError } from '$lib/domain/errors';
import {
	SNIFF_BYTES,
	cleanHeaderNames,
	isWorkbookHead,
	sizeRefusal,
	sniffFile
} from '$lib/domain/file-sniff';
import { defaultSheet, lossyNumberWarning } from '$lib/domain/sheet-cells';
import { FIELDS, type FieldKey } from '$lib/domain/fields';
import type { ImportSettings } from '$lib/domain/import-settings';
import { InFileDuplicates } from '$lib/domain/in-file-duplicates';
import {
	autoMap,
	emptyMapping,
	hasNameParts,
	mappingFingerprint,
	type Mapping
} from '$lib/domain/mapping';
import type { SessionId } from '$lib/domain/model';
import { fieldCell } from '$lib/domain/validate-row';
import { countersAfterFix, type FixedRow, type FixVerdict } from '$lib/domain/fixed-rows';
import type { RosterDatabase } from '$lib/db/database';
import { readAppSettings } from '$lib/db/app-settings';
import { splitCardCell } from '$lib/domain/card-list';
import {
	EMPTY_COUNTERS,
	START_CURSOR,
	addCounters,
	type ImportSession
} from '$lib/domain/import-session';
import {
	existingKeyFilters,
	lookupForChunk,
	narrowLookup,
	undoJournal,
	type ExistingKeys
} from '$lib/db/repositories/import-chunks';
import { commitFixChunk, failedRowsOf } from '$lib/db/repositories/import-fixes';
import {
	applyTransition,
	completeSession,
	openSession,
	requireSession,
	sessionFile
} from '$lib/db/repositories/import-sessions';
import {
	loadLastImportOptions,
	loadMappingProfile,
	saveMappingProfile
} from '$lib/db/repositories/mapping-profiles';
import { webImportLock, type ImportLock } from '$lib/lock/import-lock';
import type {
	ConfigurePatch,
	ConfigureView,
	DryRunSummary,
	FailedRowsView,
	FixSummary,
	ImageReport,
	ImportProgress,
	IssueSummary,
	OpenOptions,
	Preview,
	PreviewRow,
	ResultKind
} from './api';
import {
	lookupKeys,
	planChunk,
	succeededFields,
	UnwrittenChunks,
	type ChunkPlan
} from './core/chunk-plan';
import { judgeRows, type JudgedRow } from './core/judge-rows';
import { fixVerdicts, judgeFixedRows } from './fix-rows';
import { ProgressMeter } from './progress';
import { runChunks } from './core/chunk-loop';
import { dexieImportStore } from './dexie-store';
import { buildResultFile } from './result-export';
import { attachImportImages, type Resize } from './continue/attach-images';
import { issueImportCards } from './continue/issue-cards';
import { resizeImageFile } from '$lib/images/resize-core';
import { assertDecodable } from './core/csv-records';
import { dataRows, inChunks, leadingRecords, type ReadableFile } from './core/session-rows';
import { WorkbookCache, type WorkbookSheet } from './workbook';
import { checkColumnCount } from '$lib/domain/column-limit';
import { detectHeaderRow } from '$lib/domain/header-row';

/**
 * Rows per chunk: one transaction and one result/journal record each (docs/architecture.md,
 * "Chunk transactions").
 */
export const ROWS_PER_CHUNK = 5000;
/** Records shown in Configure to choose the header row from. */
const LEADING_RECORDS = 12;
const FIRST_FAILURES = 10;

/** Judges the rows of one pass over a file, in order; `release` frees what it remembers. */
type Judge = ((rows: Parameters<typeof judgeRows>[0]) => JudgedRow[]) & { release(): void };

export interface EngineOptions {
	now?: () => number;
	lock?: ImportLock;
	rowsPerChunk?: number;
	newId?: () => string;
	/** Least time between two progress messages. */
	progressIntervalMs?: number;
	/** Decodes and resizes an image (OffscreenCanvas in the worker; a stand-in in Node tests). */
	resize?: Resize;
}

/**
 * The import engine: runs in the worker and owns the whole pipeline, from the dropped file to the
 * rows in IndexedDB. Methods throw AppFailures; the worker turns them into Results.
 */
export class ImportEngine {
	readonly #db: RosterDatabase;
	readonly #now: () => number;
	readonly #lock: ImportLock;
	readonly #rowsPerChunk: number;
	readonly #newId: () => string;
	readonly #progressInterval: number | undefined;
	readonly #resize: Resize;
	readonly #cancelled = new Set<SessionId>();
	/** The latest dry run of each session: an older one still reading the file gives up. */
	readonly #dryRunTurns = new Map<SessionId, number>();
	readonly #workbooks = new WorkbookCache();
	#runs = 0;

	constructor(db: RosterDatabase, options: EngineOptions = {}) {
		this.#db = db;
		this.#now = options.now ?? Date.now;
		this.#lock = options.lock ?? webImportLock;
		this.#rowsPerChunk = options.rowsPerChunk ?? ROWS_PER_CHUNK;
		this.#newId = options.newId ?? (() => crypto.randomUUID());
		this.#progressInterval = options.progressIntervalMs;
		this.#resize = options.resize ?? resizeImageFile;
	}

	/** True while a run or an undo is writing. */
	get busy(): boolean {
		return this.#runs > 0;
	}

	/** Counts `work` as busy time, so a schema upgrade elsewhere waits for it to end. */
	async #busyWhile<T>(work: () => Promise<T>): Promise<T> {
		this.#runs += 1;
		try {
			return await work();
		} finally {
			this.#runs -= 1;
			this.onIdle?.();
		}
	}

	/** Called whenever a run or undo ends (the worker uses it to honour a deferred upgrade). */
	onIdle: (() => void) | undefined;

	async open(file: File, options: OpenOptions): Promise<ConfigureView> {
		const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
		const id = this.#newId() as SessionId;
		const reading = isWorkbookHead(head)
			? await this.#workbookReading(id, file, head, options.maxBytes)
			: csvReading(head, file.size, options.maxBytes);
		const now = this.#now();
		const last = await loadLastImportOptions(this.#db);
		const settings: ImportSettings = { ...options.defaults, ...last, headerRow: 1 };
		const draft: ImportSession = {
			id,
			status: 'configuring',
			step: 'configure',
			fileName: file.name,
			fileSize: file.size,
			...reading,
			settings,
			mapping: autoMap([]),
			header: [],
			cursor: { ...START_CURSOR },
			counters: { ...EMPTY_COUNTERS },
			createdAt: now,
			updatedAt: now
		};
		const { session, view } = await this.#withDetectedHeader(draft, file);
		if (view.leadingRows.every((record) => record.every((cell) => cell.trim() === ''))) {
			this.#workbooks.forget(id);
			throw refusal(
				'FILE_EMPTY',
				session.workbook
					? 'The workbook has no rows: every sheet is blank. Choose a workbook with a header row and at least one user, or download the template.'
					: 'The file has no rows, only blank lines. Choose a CSV file with a header row and at least one user, or download the template.'
			);
		}
		await openSession(this.#db, session, file);
		return view;
	}

	/**
	 * How a new session reads an Excel workbook: every sheet is read now (a damaged file is refused
	 * at Upload, like a CSV), and the first sheet with content is chosen (docs/architecture.md,
	 * "Excel workbooks").
	 */
	async #workbookReading(
		id: SessionId,
		file: Blob,
		head: Uint8Array,
		maxBytes: number
	): Promise<FileReading> {
		const sized = sizeRefusal(head, file.size, maxBytes);
		if (sized) throw refusal(sized.code, sized.message);
		const sheets = await this.#workbooks.read(id, file);
		const first = defaultSheet(sheets);
		if (!first) {
			throw refusal(
				'FILE_EMPTY',
				'The workbook has no sheets. Choose a workbook with a sheet of users.'
			);
		}
		return {
			// A workbook's cells are already text: these only keep the session's shape.
			encoding: 'utf-8',
			bomLength: 0,
			validUtf8: true,
			encodingCandidates: [],
			delimiter: ',',
			workbook: {
				sheets: sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.length })),
				sheet: first.name
			}
		};
	}

	async describe(id: SessionId): Promise<ConfigureView> {
		const session = await requireSession(this.#db, id);
		const file = await sessionFile(this.#db, id);
		return (await this.#withHeader(session, file, false)).view;
	}

	async configure(id: SessionId, patch: ConfigurePatch): Promise<ConfigureView> {
		this.#supersedeDryRun(id);
		const current = await requireSession(this.#db, id);
		const file = await sessionFile(this.#db, id);
		const { sheet, ...fields } = patch;
		const next: ImportSession = { ...current, ...fields, workbook: withSheet(current, sheet) };
		const rereadHeader =
			next.encoding !== current.encoding ||
			next.delimiter !== current.delimiter ||
			next.settings.headerRow !== current.settings.headerRow;
		// Another sheet is read like a new file: its header row is found and its mapping suggested.
		const { session, view } =
			next.workbook?.sheet !== current.workbook?.sheet
				? await this.#withDetectedHeader(
						{ ...next, settings: { ...next.settings, headerRow: 1 } },
						file
					)
				: rereadHeader
					? await this.#withHeader(next, file, patch.mapping === undefined)
					: { session: next, view: undefined };
		const saved = await applyTransition(this.#db, id, 'configure', this.#now(), {
			encoding: session.encoding,
			delimiter: session.delimiter,
			workbook: session.workbook,
			settings: session.settings,
			mapping: session.mapping,
			header: session.header
		});
		return view ? { ...view, session: saved } : (await this.#withHeader(saved, file, false)).view;
	}

	async preview(id: SessionId, count: number): Promise<Preview> {
		const session = await requireSession(this.#db, id);
		const fields = succeededFields(session.mapping);
		const judge = this.#judge(session);
		const judged: JudgedRow[] = [];
		const file = await sessionFile(this.#db, id);
		for await (const batch of dataRows(this.#readable(session, file))) {
			judged.push(...judge(batch.rows).slice(0, count - judged.length));
			if (judged.length >= count) break;
		}
		judge.release();
		const plan = await this.#plan(session, judged, fields, {});
		return { fields, rows: judged.map((row) => previewRow(row, plan, session.mapping, fields)) };
	}

	/**
	 * Counts what an import would do, without writing. A newer dry run, a change of settings or the
	 * start of the import makes it moot: it then stops with SUPERSEDED instead of reading a large
	 * file to the end while competing with the work that replaced it.
	 */
	async dryRun(id: SessionId): Promise<DryRunSummary> {
		const turn = this.#supersedeDryRun(id);
		const session = await requireSession(this.#db, id);
		const fields = succeededFields(session.mapping);
		const counters = { ...EMPTY_COUNTERS };
		const firstFailures: DryRunSummary['firstFailures'] = [];
		const existing = await existingKeyFilters(this.#db);
		const file = await sessionFile(this.#db, id);
		let totalRows = 0;
		const judge = this.#judge(session);
		const cardCells = new CardCellTally();
		const userIdWidths = new DigitWidthTally();
		const unwritten = new UnwrittenChunks();
		try {
			for await (const chunk of inChunks(
				dataRows(this.#readable(session, file)),
				this.#rowsPerChunk
			)) {
				if (this.#dryRunTurns.get(id) !== turn) {
					throw refusal('SUPERSEDED', 'The settings changed, so the rows are counted again.');
				}
				for (const { row, cells } of chunk.rows) {
					for (const card of splitCardCell(fieldCell(cells, session.mapping, 'cardId'))) {
						cardCells.add(card, row);
					}
					userIdWidths.add(fieldCell(cells, session.mapping, 'userId'), row);
				}
				const plan = await this.#plan(session, judge(chunk.rows), fields, { existing, unwritten });
				addCounters(counters, plan.counters);
				totalRows += chunk.rows.length;
				for (const failure of plan.failed.slice(0, FIRST_FAILURES - firstFailures.length)) {
					firstFailures.push({ row: failure.row, error: failure.error });
				}
			}
		} finally {
			// The import usually starts next and builds the same tables again.
			judge.release();
			unwritten.release();
		}
		// Progress elsewhere (other tabs, a resumed run) can then say "N of M rows".
		await this.#db.importSessions.update(id, { totalRows });
		return {
			counters,
			totalRows,
			firstFailures,
			cardTypeWarning: cardTypeWarning(cardCells, session.settings.cardIdType),
			leadingZeroWarning: leadingZeroWarning(FIELDS.userId.label, userIdWidths)
		};
	}

	/** Runs the import, or resumes it from its cursor; holds the import lock throughout. */
	async start(
		id: SessionId,
		onProgress: (progress: ImportProgress) => void = () => {}
	): Promise<ImportSession> {
		this.#supersedeDryRun(id);
		return this.#lock.run(() =>
			this.#busyWhile(async () => {
				this.#cancelled.delete(id);
				await this.#assertReadable(id);
				const session = await applyTransition(this.#db, id, 'start', this.#now());
				await this.#rememberOptions(session);
				try {
					return await this.#run(session, onProgress);
				} catch (thrown) {
					return this.#interrupted(session, toAppError(thrown));
				}
			})
		);
	}

	/**
	 * A run commits from its first chunk on, so a file that cannot be decoded to its end would be
	 * half-imported: before the first start, the whole file is read through the decoder (a small
	 * part of a run's time) and refused with the offset and row of the first bad byte. A resume
	 * goes on with a file already checked.
	 */
	async #assertReadable(id: SessionId): Promise<void> {
		const session = await requireSession(this.#db, id);
		// A workbook has no encoding to break off in: its sheets were read whole at Upload.
		if (session.status !== 'configuring' || session.workbook) return;
		const source = this.#readable(session, await sessionFile(this.#db, id));
		await assertDecodable(source.file, source);
	}

	#supersedeDryRun(id: SessionId): number {
		const turn = (this.#dryRunTurns.get(id) ?? 0) + 1;
		this.#dryRunTurns.set(id, turn);
		return turn;
	}

	/**
	 * Records that a run stopped on an error. On a disk with no room at all even that small write
	 * is refused: the stop is then returned unrecorded, so the tab that ran it can say why and
	 * offer Resume. The row still says running, which keeps users and cards read-only as they
	 * must be while a chunk may be half-decided; the next run (Resume, or the supervisor when the
	 * app starts again) carries on from the last committed chunk.
	 */
	async #interrupted(started: ImportSession, error: AppError): Promise<ImportSession> {
		try {
			return await applyTransition(this.#db, started.id, 'fail', this.#now(), { error });
		} catch {
			const latest = await this.#db.importSessions.get(started.id).catch(() => undefined);
			return { ...(latest ?? started), status: 'interrupted', error };
		}
	}

	cancel(id: SessionId): Promise<void> {
		this.#cancelled.add(id);
		return Promise.resolve();
	}

	keep(id: SessionId): Promise<ImportSession> {
		return applyTransition(this.#db, id, 'keep', this.#now());
	}

	async undo(id: SessionId): Promise<ImportSession> {
		return this.#lock.run(() =>
			this.#busyWhile(async () => {
				await applyTransition(this.#db, id, 'undo-start', this.#now());
				await undoJournal(this.#db, id);
				return applyTransition(this.#db, id, 'undo-finish', this.#now());
			})
		);
	}

	async exportResults(id: SessionId, kind: ResultKind): Promise<{ blob: Blob; fileName: string }> {
		const session = await requireSession(this.#db, id);
		return buildResultFile(this.#db, session, kind, new Date(this.#now()));
	}

	issueCards(id: SessionId): Promise<IssueSummary> {
		return this.#lock.run(() => this.#busyWhile(() => issueImportCards(this.#db, id, this.#now())));
	}

	async attachImages(
		id: SessionId,
		files: File[],
		maxBytes: number,
		onProgress: (done: number, total: number) => void = () => {}
	): Promise<ImageReport> {
		await requireSession(this.#db, id);
		return attachImportImages(
			this.#db,
			id,
			files,
			{ maxBytes, resize: this.#resize, now: this.#now },
			onProgress
		);
	}

	/** The failed rows of a finished import, in file order, for See Results to fix in place. */
	async failedRows(id: SessionId): Promise<FailedRowsView> {
		await requireSession(this.#db, id);
		return { rows: (await failedRowsOf(this.#db, id)).map(({ record }) => record) };
	}

	/**
	 * Judges fixed rows as Import fixed rows would, against the database as it is, writing
	 * nothing: the page asks for the row being edited on every change (one row, not the set).
	 */
	async judgeFixedRows(id: SessionId, rows: readonly FixedRow[]): Promise<FixVerdict[]> {
		const session = await requireSession(this.#db, id);
		const judged = this.#judgeFixed(session, rows);
		return fixVerdicts(
			judged,
			await this.#plan(session, judged, succeededFields(session.mapping), {})
		);
	}

	/**
	 * Import fixed rows: the rows that were failed rows of this finished session go into it,
	 * holding the import lock, through the lifecycle (`fix-start` … `fix-finish`) and in chunk
	 * transactions with result and journal records, so counts, result files and Undo include
	 * them. Rows sent that are no failed row of the session (another tab imported them) are
	 * ignored. With no rows it only ends a fix a dead worker left (the supervisor's recovery).
	 */
	importFixedRows(id: SessionId, rows: readonly FixedRow[]): Promise<FixSummary> {
		return this.#lock.run(() =>
			this.#busyWhile(async () => {
				const started = await applyTransition(this.#db, id, 'fix-start', this.#now());
				try {
					const verdicts = await this.#fix(started, rows);
					const session = await applyTransition(this.#db, id, 'fix-finish', this.#now());
					return { session, verdicts };
				} catch (thrown) {
					const error = toAppError(thrown);
					await applyTransition(this.#db, id, 'fail', this.#now(), { error });
					throw thrown;
				}
			})
		);
	}

	async #fix(started: ImportSession, rows: readonly FixedRow[]): Promise<FixVerdict[]> {
		const sources = new Map(
			(await failedRowsOf(this.#db, started.id)).map(({ chunk, record }) => [record.row, chunk])
		);
		const judged = this.#judgeFixed(
			started,
			rows.filter((fixed) => sources.has(fixed.row))
		);
		const fields = succeededFields(started.mapping);
		const verdicts: FixVerdict[] = [];
		let counters = started.counters;
		let chunk = started.cursor.chunks;
		for (let from = 0; from < judged.length; from += this.#rowsPerChunk) {
			const part = judged.slice(from, from + this.#rowsPerChunk);
			// Planned after the previous chunk committed: its look-ups see what that one wrote.
			const plan = await this.#plan(started, part, fields, {});
			counters = countersAfterFix(counters, plan.counters);
			await commitFixChunk(this.#db, {
				sessionId: started.id,
				chunk,
				users: plan.users,
				cards: plan.cards,
				succeeded: plan.succeeded,
				failed: plan.failed,
				journal: plan.journal,
				sources: [...new Set(part.map((row) => sources.get(row.row) ?? -1))],
				counters,
				now: this.#now()
			});
			verdicts.push(...fixVerdicts(part, plan));
			chunk += 1;
		}
		return verdicts;
	}

	/** Fixed rows judged by the file's rules, with an in-file check of their own. */
	#judgeFixed(session: ImportSession, rows: readonly FixedRow[]): JudgedRow[] {
		const duplicates = new InFileDuplicates();
		try {
			return judgeFixedRows(rows, {
				sessionId: session.id,
				mapping: session.mapping,
				settings: session.settings,
				duplicates
			});
		} finally {
			duplicates.release();
		}
	}

	async complete(id: SessionId): Promise<void> {
		this.#dryRunTurns.delete(id);
		this.#workbooks.forget(id);
		await completeSession(this.#db, id);
	}

	async #run(
		started: ImportSession,
		onProgress: (progress: ImportProgress) => void
	): Promise<ImportSession> {
		const { id } = started;
		const meter = new ProgressMeter(
			started.fileSize,
			this.#now,
			onProgress,
			this.#progressInterval
		);
		const end = await runChunks({
			session: started,
			source: this.#readable(started, await sessionFile(this.#db, id)),
			store: await dexieImportStore(this.#db),
			rowsPerChunk: this.#rowsPerChunk,
			now: this.#now,
			stopRequested: () => this.#cancelled.delete(id),
			onCommitted: (done) => meter.report(done.rows, done.bytes, done.counters)
		});
		if (end.kind === 'stopped') return applyTransition(this.#db, id, 'cancel', this.#now());
		meter.finish(end.totalRows, end.counters);
		return applyTransition(this.#db, id, 'finish', this.#now(), { totalRows: end.totalRows });
	}

	/** Judges the rows of one pass over the file; `release` frees its memory of earlier rows. */
	#judge(session: ImportSession): Judge {
		const duplicates = new InFileDuplicates();
		const ctx = {
			sessionId: session.id,
			mapping: session.mapping,
			settings: session.settings,
			duplicates
		};
		return Object.assign((rows: Parameters<typeof judgeRows>[0]) => judgeRows(rows, ctx), {
			release: () => duplicates.release()
		});
	}

	/**
	 * Decides a chunk. `existing` (when given) spares the look-ups of keys that cannot exist;
	 * `unwritten` is the dry run's memory of what its earlier chunks would have written.
	 */
	async #plan(
		session: ImportSession,
		judged: readonly JudgedRow[],
		fields: readonly FieldKey[],
		options: { existing?: ExistingKeys; unwritten?: UnwrittenChunks }
	): Promise<ChunkPlan> {
		const keys = lookupKeys(judged);
		const { existing, unwritten } = options;
		const [lookups, appSettings] = await Promise.all([
			lookupForChunk(this.#db, existing ? narrowLookup(keys, existing) : keys),
			readAppSettings(this.#db)
		]);
		return planChunk(
			judged,
			lookups,
			{
				sessionId: session.id,
				policy: session.settings.overwrite,
				now: this.#now(),
				fields,
				maxCards: appSettings.maxCardsPerUser
			},
			unwritten
		);
	}

	/** Reads a new file's header at the row that looks like the column names. */
	async #withDetectedHeader(
		draft: ImportSession,
		file: Blob
	): Promise<{ session: ImportSession; view: ConfigureView }> {
		const first = await this.#withHeader(draft, file, true);
		const headerRow = first.view.suggestedHeaderRow;
		if (headerRow === draft.settings.headerRow) return first;
		return this.#withHeader({ ...draft, settings: { ...draft.settings, headerRow } }, file, true);
	}

	/** Reads the header row of `session`'s file; suggests or restores the mapping when asked. */
	async #withHeader(
		session: ImportSession,
		file: Blob,
		suggestMapping: boolean
	): Promise<{ session: ImportSession; view: ConfigureView }> {
		const headerRow = session.settings.headerRow;
		const wanted = Math.max(LEADING_RECORDS, headerRow + 2);
		const leadingRows = await leadingRecords(this.#readable(session, file), wanted);
		const width = checkColumnCount(leadingRows);
		if (!width.ok) throw refusal('TOO_MANY_COLUMNS', messageOf(width));
		const header = leadingRows[headerRow - 1] ?? [];
		const headerNames = cleanHeaderNames(header);
		let mapping: Mapping = session.mapping;
		let mappingRestored = false;
		if (suggestMapping) {
			const profile = await loadMappingProfile(this.#db, mappingFingerprint(headerNames));
			mappingRestored = profile !== undefined;
			// A profile saved before a field existed lacks it: that field starts as None.
			mapping = profile ? { ...emptyMapping(), ...profile.mapping } : autoMap(headerNames);
		}
		const next = { ...session, header, mapping };
		return {
			session: next,
			view: {
				session: next,
				leadingRows: leadingRows.slice(0, LEADING_RECORDS),
				headerNames,
				mappingRestored,
				suggestedHeaderRow: detectHeaderRow(leadingRows),
				// Fewer records than asked for: the whole file was read, so this is its length.
				recordsInFile: leadingRows.length < wanted ? leadingRows.length : null,
				sheetWarnings: session.workbook
					? [lossyNumberWarning(await this.#sheet(session, file))].filter((w) => w !== null)
					: []
			}
		};
	}

	/** How to read `session`'s file: a workbook's chosen sheet, or the CSV as configured. */
	#readable(session: ImportSession, file: Blob): ReadableFile {
		const source: ReadableFile = {
			file,
			encoding: session.encoding,
			bomLength: session.bomLength,
			delimiter: session.delimiter,
			headerRow: session.settings.headerRow
		};
		if (!session.workbook) return source;
		return { ...source, sheet: async () => (await this.#sheet(session, file)).rows };
	}

	/** The chosen sheet of a workbook session, read once per session (WorkbookCache). */
	async #sheet(session: ImportSession, file: Blob): Promise<WorkbookSheet> {
		const name = session.workbook?.sheet;
		const sheets = await this.#workbooks.read(session.id, file);
		const sheet = sheets.find((candidate) => candidate.name === name);
		if (!sheet) throw refusal('INVALID_INPUT', `The workbook has no sheet named "${name ?? ''}".`);
		return sheet;
	}

	async #rememberOptions(session: ImportSession): Promise<void> {
		const {
			startDate: _start,
			endDate: _end,
			cardIdType: _type,
			cardFormat: _format,
			...settings
		} = session.settings;
		await saveMappingProfile(
			this.#db,
			mappingFingerprint(cleanHeaderNames(session.header)),
			{
				mapping: session.mapping,
				settings,
				delimiter: session.delimiter,
				encoding: session.encoding
			},
			this.#now()
		);
	}
}

/** The parts of a session that say how its file is read, set when the file is opened. */
type FileReading = Pick<
	ImportSession,
	'encoding' | 'bomLength' | 'validUtf8' | 'encodingCandidates' | 'delimiter' | 'workbook'
>;

/** How a new session reads a CSV: the encoding and delimiter found in its head. */
function csvReading(head: Uint8Array, fileSize: number, maxBytes: number): FileReading {
	const sniffed = sniffFile(head, fileSize, maxBytes);
	if (!sniffed.ok) throw refusal(sniffed.errors[0]?.code ?? 'UNEXPECTED', messageOf(sniffed));
	const facts = sniffed.value;
	return {
		encoding: facts.encoding,
		bomLength: facts.bomLength,
		validUtf8: facts.validUtf8,
		encodingCandidates: facts.candidates,
		delimiter: facts.delimiter
	};
}

/** The session's workbook with `sheet` chosen; a sheet the workbook lacks is refused. */
function withSheet(session: ImportSession, sheet: string | undefined): ImportSession['workbook'] {
	const { workbook } = session;
	if (sheet === undefined || !workbook) return workbook;
	if (!workbook.sheets.some((candidate) => candidate.name === sheet)) {
		throw refusal(
			'INVALID_INPUT',
			`The workbook has no sheet named "${sheet}". Choose one of its sheets.`
		);
	}
	return { ...workbook, sheet };
}

function messageOf(result: { errors: { message: string }[] }): string {
	return result.errors.map((error) => error.message).join(' ');
}

function previewRow(
	judged: JudgedRow,
	plan: ChunkPlan,
	mapping: Mapping,
	fields: readonly FieldKey[]
): PreviewRow {
	if (judged.kind === 'empty') {
		const values = fields.map(() => '');
		return { row: judged.row, outcome: 'empty', values, errors: [], warnings: [] };
	}
	const cells = fields.map((key) => {
		const column = mapping[key];
		// A Name built from its parts shows joined, as it would be stored.
		if (key === 'name' && hasNameParts(mapping)) return fieldCell(judged.cells, mapping, key);
		return column === null ? '' : (judged.cells[column] ?? '');
	});
	// Judged on the cells as read, so a failed row warns too; the values are kept as given.
	const warnings = fields.flatMap((key, i) => invisibleCharacterWarning(key, cells[i] ?? '') ?? []);
	const succeeded = plan.succeeded.find((record) => record.row === judged.row);
	if (succeeded) {
		const { result, values } = succeeded;
		const firstRow = judged.kind === 'valid' ? judged.value.firstRow : undefined;
		return {
			row: judged.row,
			outcome: result,
			values,
			errors: [],
			warnings,
			...(firstRow === undefined ? {} : { addsCardsToRow: firstRow })
		};
	}
	const failed = plan.failed.find((record) => record.row === judged.row);
	return {
		row: judged.row,
		outcome: 'failed',
		values: cells,
		errors: failed ? failed.error.split('; ') : [],
		warnings
	};
}

/**
 * Judges every record of a backup, in file order, before a restore changes anything: each record
 * by the rules of its table (users and cards by the import's field rules), and the records
 * together by what the database relies on: unique keys, unique emails and phones, every card,
 * image and import record owned by a record that is in the backup. The first problem refuses the
 * whole file, named by its table, its record and the rule.
 */
import {
	checkCardRecord,
	checkUserRecord,
	firstOf,
	firstProblem,
	isFields,
	shape,
	type Fields
} from './backup-rules';
import { isAppError } from './errors';
import { DELIMITERS } from './file-sniff';
import { FIELD_KEYS } from './fields';
import { MAPPED_KEYS } from './mapping';
import { NAME_ORDERS } from './name-parts';
import { quote } from './field-rules';
import {
	CARD_ID_TYPES,
	DATE_FORMATS,
	OVERWRITE_POLICIES,
	validateImportSettings,
	type ImportSettings
} from './import-settings';
import { fail, ok, type Result } from './result';
import { DEFAULT_APP_SETTINGS, validateAppSettings } from './app-settings';
import { COUNTER_KEYS, type WizardStep } from './import-session';
import { SESSION_STATUSES } from './import-lifecycle';
import { APP_SETTINGS_KEY, LAST_IMPORT_OPTIONS_KEY } from './settings-keys';

/**
 * The tables a backup holds, in the order it holds them: a record's owner always comes before
 * it (users before their cards and images, a session before its file, results and journal).
 */
export const BACKUP_TABLES = [
	'settings',
	'users',
	'cards',
	'images',
	'importSessions',
	'importFiles',
	'importResults',
	'importJournal'
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/**
 * The replica's own bookkeeping (the outbox, the feed's cursor) belongs to this browser, not to
 * the site, and the server's import jobs are the server's to keep (its results go when someone
 * completes them): a backup leaves them out (docs/architecture.md, "The replica").
 */
export const REPLICA_TABLES: readonly string[] = ['outbox', 'replica', 'siteImports'];

export function isBackupTable(name: unknown): name is BackupTable {
	return (BACKUP_TABLES as readonly unknown[]).includes(name);
}

const WIZARD_STEPS = [
	'configure',
	'import',
	'results',
	'continue'
] as const satisfies readonly WizardStep[];
// Fails to compile when a step is added to WizardStep and not here.
const everyStepListed: WizardStep extends (typeof WIZARD_STEPS)[number] ? true : never = true;
void everyStepListed;

const isBlob = (value: unknown): value is Blob => value instanceof Blob;
const blob = (value: unknown, what: string): string | null =>
	isBlob(value) ? null : `${what} is not a file`;

function mappingProblem(value: unknown): string | null {
	if (!isFields(value)) return 'its data mapping is not an object';
	const bad = MAPPED_KEYS.find((key) => {
		const column = value[key];
		return column !== undefined && column !== null && shape.whole(column, key) !== null;
	});
	if (bad !== undefined) return `its data mapping of ${bad} is not a column number`;
	return value.nameOrder === undefined
		? null
		: shape.oneOf(value.nameOrder, NAME_ORDERS, 'Name order');
}

function importSettingsProblem(value: unknown): string | null {
	if (!isFields(value)) return 'its import settings are not an object';
	const checked = validateImportSettings(value as unknown as ImportSettings);
	return checked.ok ? null : checked.errors.join('; ');
}

function sessionProblem(s: Fields): Result<true, string> {
	const counters = isFields(s.counters) ? s.counters : {};
	const cursor = isFields(s.cursor) ? s.cursor : {};
	return firstProblem([
		shape.oneOf(s.status, SESSION_STATUSES, 'Status'),
		shape.oneOf(s.step, WIZARD_STEPS, 'Step'),
		shape.text(s.fileName, 'File name'),
		shape.whole(s.fileSize, 'File size'),
		shape.text(s.encoding, 'Encoding'),
		shape.whole(s.bomLength, 'Byte-order mark length'),
		shape.flag(s.validUtf8, 'Valid UTF-8'),
		Array.isArray(s.encodingCandidates) ? null : 'its encoding candidates are not a list',
		shape.oneOf(s.delimiter, DELIMITERS, 'Delimiter'),
		shape.optional(s.workbook, workbookProblem),
		importSettingsProblem(s.settings),
		mappingProblem(s.mapping),
		Array.isArray(s.header) && s.header.every((h) => typeof h === 'string')
			? null
			: 'its header is not a list of texts',
		shape.object(s.cursor, 'Cursor'),
		...['rows', 'bytes', 'chunks'].map((k) => shape.whole(cursor[k], `Cursor ${k}`)),
		shape.object(s.counters, 'Counters'),
		...['created', 'updated', 'kept', 'failed', 'skipped'].map((k) =>
			shape.whole(counters[k], `Counter ${k}`)
		),
		// Users and cards are counted apart since several cards per user; older backups lack them.
		...COUNTER_KEYS.slice(5).map((k) =>
			shape.optional(counters[k], (v) => shape.whole(v, `Counter ${k}`))
		),
		shape.optional(s.totalRows, (v) => shape.whole(v, 'Total rows')),
		shape.count(s.createdAt, 'Created at'),
		shape.count(s.updatedAt, 'Updated at'),
		shape.optional(s.startedAt, (v) => shape.count(v, 'Started at')),
		shape.optional(s.finishedAt, (v) => shape.count(v, 'Finished at')),
		shape.optional(s.error, (v) => (isAppError(v) ? null : 'its error is not a Roster error')),
		shape.optional(s.undone, (v) => shape.flag(v, 'Undone')),
		shape.optional(s.undoSkipped, undoSkippedProblem),
		shape.optional(s.undoTally, undoTallyProblem)
	]);
}

/** An .xlsx session's sheets (name and rows each) and the chosen one, which must be among them. */
function workbookProblem(value: unknown): string | null {
	if (!isFields(value) || !Array.isArray(value.sheets)) return 'its workbook sheets are not a list';
	const sheets = value.sheets as unknown[];
	const names = sheets.map((sheet) =>
		isFields(sheet) && typeof sheet.name === 'string' && shape.whole(sheet.rows, 'Rows') === null
			? sheet.name
			: null
	);
	if (names.includes(null)) return 'a workbook sheet has no name or row count';
	return typeof value.sheet === 'string' && names.includes(value.sheet)
		? null
		: 'its chosen sheet is not one of the workbook’s sheets';
}

/** What an undo left as it is: a count and a list of users with a reason each. */
function undoSkippedProblem(value: unknown): string | null {
	if (!isFields(value)) return 'its undo report is not an object';
	const listed = Array.isArray(value.listed) ? (value.listed as unknown[]) : null;
	const fine =
		shape.whole(value.total, 'Undo report total') === null &&
		listed !== null &&
		listed.every(
			(skip) =>
				isFields(skip) &&
				typeof skip.userId === 'string' &&
				typeof skip.name === 'string' &&
				typeof skip.reason === 'string'
		);
	return fine ? null : 'its undo report is not a list of users with reasons';
}

/** What an undo replayed so far: whole counts. */
function undoTallyProblem(value: unknown): string | null {
	if (!isFields(value)) return 'its undo tally is not an object';
	const keys = ['chunks', 'usersRemoved', 'usersRestored', 'cardsRemoved', 'cardsRestored'];
	return keys.map((k) => shape.whole(value[k], `Undo tally ${k}`)).find((p) => p !== null) ?? null;
}

const RESULTS = ['created', 'updated', 'kept'] as const;
const texts = (value: unknown): boolean =>
	Array.isArray(value) && value.every((v) => typeof v === 'string');

/** A failed row's problems: each a message with its field (or null for the row as a whole). */
const rowProblems = (value: unknown): boolean =>
	Array.isArray(value) &&
	value.every(
		(p) =>
			isFields(p) &&
			typeof p.message === 'string' &&
			(p.field === null || (FIELD_KEYS as readonly unknown[]).includes(p.field))
	);

function resultChunkProblem(r: Fields): Result<true, string> {
	const succeeded = Array.isArray(r.succeeded) ? (r.succeeded as unknown[]) : null;
	const failed = Array.isArray(r.failed) ? (r.failed as unknown[]) : null;
	if (!succeeded || !failed) return fail('its succeeded and failed rows are not lists');
	const badSucceeded = succeeded.findIndex(
		(s) =>
			!isFields(s) ||
			shape.whole(s.row, 'Row') !== null ||
			shape.oneOf(s.result, RESULTS, 'Result') !== null ||
			!texts(s.values)
	);
	if (badSucceeded >= 0) return fail(`its succeeded row ${badSucceeded + 1} is not a result row`);
	const badFailed = failed.findIndex(
		(f) =>
			!isFields(f) ||
			shape.whole(f.row, 'Row') !== null ||
			!texts(f.cells) ||
			typeof f.error !== 'string' ||
			(f.problems !== undefined && !rowProblems(f.problems))
	);
	if (badFailed >= 0) return fail(`its failed row ${badFailed + 1} is not a result row`);
	return ok(true);
}

/** Undo writes the journal's before-images back: each must be a valid user or card. */
function journalChunkProblem(j: Fields): Result<true, string> {
	if (!Array.isArray(j.users) || !Array.isArray(j.cards)) {
		return fail('its users and cards are not lists');
	}
	for (const [i, entry] of (j.users as unknown[]).entries()) {
		if (!isFields(entry) || typeof entry.id !== 'string')
			return fail(`its user ${i + 1} has no User ID`);
		if (entry.written !== undefined && !Number.isSafeInteger(entry.written))
			return fail(`its user ${i + 1} has a damaged fingerprint`);
		if (entry.before === null) continue;
		const before = checkUserRecord(entry.before);
		if (!before.ok)
			return fail(`its earlier copy of user ${quote(entry.id)}: ${before.errors.join('; ')}`);
	}
	for (const [i, entry] of (j.cards as unknown[]).entries()) {
		if (!isFields(entry) || typeof entry.number !== 'string')
			return fail(`its card ${i + 1} has no Card ID`);
		if (entry.written !== undefined && !Number.isSafeInteger(entry.written))
			return fail(`its card ${i + 1} has a damaged fingerprint`);
		if (entry.before === null) continue;
		const before = checkCardRecord(entry.before);
		if (!before.ok)
			return fail(`its earlier copy of card ${entry.number}: ${before.errors.join('; ')}`);
	}
	return ok(true);
}

function mappingProfileProblem(key: string, value: unknown): string | null {
	const settingsProblem = (s: unknown): string | null => {
		if (!isFields(s)) return 'its import options are not an object';
		return firstOf([
			shape.oneOf(s.overwrite, OVERWRITE_POLICIES, 'Overwrite user data'),
			// Not remembered since each file starts from the Settings default; older records may hold it.
			shape.optional(s.cardIdType, (v) => shape.oneOf(v, CARD_ID_TYPES, 'Card ID type')),
			shape.oneOf(s.dateFormat, DATE_FORMATS, 'Date format'),
			Number.isInteger(s.headerRow) && (s.headerRow as number) >= 1
				? null
				: 'Header row is not 1 or more'
		]);
	};
	if (key === LAST_IMPORT_OPTIONS_KEY) return settingsProblem(value);
	if (!isFields(value)) return 'its value is not an object';
	return (
		mappingProblem(value.mapping) ??
		settingsProblem(value.settings) ??
		shape.text(value.delimiter, 'Delimiter') ??
		shape.text(value.encoding, 'Encoding')
	);
}

/**
 * What is wrong with a setting's value by its key's rules, or null: the defaults, the last
 * import's options and a saved mapping have rules; other keys are not judged here. A backup's
 * records and the server's `setting.put` are judged by it.
 */
export function settingValueProblem(key: string, value: unknown): string | null {
	if (key === APP_SETTINGS_KEY) {
		if (!isFields(value) || !isFields(value.validity)) return 'the defaults are not an object';
		const checked = validateAppSettings({ ...DEFAULT_APP_SETTINGS, ...value });
		return checked.ok ? null : checked.errors.join('; ');
	}
	if (key === LAST_IMPORT_OPTIONS_KEY || key.startsWith('mapping:'))
		return mappingProfileProblem(key, value);
	return null;
}

function settingProblem(s: Fields): Result<true, string> {
	const problem =
		shape.count(s.updatedAt, 'Updated at') ?? settingValueProblem(s.key as string, s.value);
	return problem === null ? ok(true) : fail(problem);
}

/** Checks the records of a backup one by one, remembering what later records may refer to. */
export class BackupChecker {
	readonly #keys = new Map<BackupTable, Set<string>>(BACKUP_TABLES.map((t) => [t, new Set()]));
	/** Email → User ID, phone digits → User ID: each belongs to one user. */
	readonly #emails = new Map<string, string>();
	readonly #phones = new Map<string, string>();
	readonly #counts = new Map<BackupTable, number>();
	#table: BackupTable | null = null;

	/** The records seen so far, per table. */
	get counts(): Record<BackupTable, number> {
		return Object.fromEntries(BACKUP_TABLES.map((t) => [t, this.#counts.get(t) ?? 0])) as Record<
			BackupTable,
			number
		>;
	}

	/**
	 * What only the whole file can tell, once every record has passed: each import session has
	 * its source file (without it the import can neither resume nor be configured).
	 */
	finish(): Result<true, string> {
		const files = this.#keys.get('importFiles') ?? new Set();
		const sessions = [...(this.#keys.get('importSessions') ?? [])];
		const index = sessions.findIndex((id) => !files.has(id));
		if (index < 0) return ok(true);
		const id = sessions[index] ?? '';
		return fail(
			`importSessions, record ${index + 1} (import ${quote(id)}): its file is not in the backup`
		);
	}

	/** The record's problem as `table, record N (which): rule`, or ok. */
	check(table: BackupTable, record: unknown): Result<true, string> {
		const position = (this.#counts.get(table) ?? 0) + 1;
		this.#counts.set(table, position);
		const judged = this.#judge(table, record);
		if (judged.ok) return judged;
		const name = isFields(record) ? nameOf(table, record) : '';
		const which = name === '' ? '' : ` (${name})`;
		return fail(`${table}, record ${position}${which}: ${judged.errors.join('; ')}`);
	}

	#judge(table: BackupTable, record: unknown): Result<true, string> {
		if (this.#table !== null && BACKUP_TABLES.indexOf(table) < BACKUP_TABLES.indexOf(this.#table)) {
			return fail(
				`it comes after the ${this.#table} records; a backup lists ${BACKUP_TABLES.join(', ')} in that order`
			);
		}
		this.#table = table;
		if (!isFields(record)) return fail('it is not a record');
		const key = keyOf(table, record);
		if (key === null) return fail('it has no key');
		const keys = this.#keys.get(table);
		if (keys?.has(key))
			return fail(`${nameOf(table, record)} is also in an earlier ${table} record`);
		const judged = this.#rules(table, record);
		if (judged.ok) keys?.add(key);
		return judged;
	}

	#owned(table: BackupTable, id: unknown, what: string): string | null {
		return typeof id === 'string' && this.#keys.get(table)?.has(id)
			? null
			: `its ${what} ${quote(String(id))} is not in the backup`;
	}

	#rules(table: BackupTable, r: Fields): Result<true, string> {
		switch (table) {
			case 'settings':
				return settingProblem(r);
			case 'users': {
				const user = checkUserRecord(r);
				if (!user.ok) return user;
				const { id, email, phoneDigits, phone } = user.value;
				const emailOwner = email === undefined ? undefined : this.#emails.get(email);
				if (emailOwner !== undefined)
					return fail(`Email ${quote(email ?? '')} also belongs to user ${emailOwner}`);
				const phoneOwner = phoneDigits === undefined ? undefined : this.#phones.get(phoneDigits);
				if (phoneOwner !== undefined)
					return fail(`Phone ${quote(phone ?? '')} also belongs to user ${phoneOwner}`);
				if (email !== undefined) this.#emails.set(email, id);
				if (phoneDigits !== undefined) this.#phones.set(phoneDigits, id);
				return ok(true);
			}
			case 'cards': {
				const card = checkCardRecord(r);
				if (!card.ok) return card;
				return firstProblem([this.#owned('users', r.userId, 'user')]);
			}
			case 'images':
				return firstProblem([
					this.#owned('users', r.userId, 'user'),
					blob(r.image, 'Its image'),
					blob(r.thumbnail, 'Its thumbnail'),
					Number.isInteger(r.width) && (r.width as number) > 0
						? null
						: 'its width is not a whole number of pixels',
					Number.isInteger(r.height) && (r.height as number) > 0
						? null
						: 'its height is not a whole number of pixels',
					shape.count(r.updatedAt, 'Updated at')
				]);
			case 'importSessions':
				return sessionProblem(r);
			case 'importFiles':
				return firstProblem([
					this.#owned('importSessions', r.sessionId, 'import session'),
					blob(r.file, 'Its file')
				]);
			case 'importResults':
			case 'importJournal': {
				const owner = firstProblem([
					this.#owned('importSessions', r.sessionId, 'import session'),
					shape.whole(r.chunk, 'Chunk')
				]);
				if (!owner.ok) return owner;
				return table === 'importResults' ? resultChunkProblem(r) : journalChunkProblem(r);
			}
		}
	}
}

/** The record's primary key as text, or null when it has none. */
function keyOf(table: BackupTable, r: Fields): string | null {
	const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
	switch (table) {
		case 'settings':
			return text(r.key);
		case 'users':
		case 'importSessions':
			return text(r.id);
		case 'cards':
			return text(r.number);
		case 'images':
			return text(r.userId);
		case 'importFiles':
			return text(r.sessionId);
		case 'importResults':
		case 'importJournal': {
			const session = text(r.sessionId);
			return session === null || !Number.isInteger(r.chunk)
				? null
				: `${session}\u0000${String(r.chunk)}`;
		}
	}
}

/** How a message names the record, e.g. `User ID "U1"`; '' when it cannot. */
function nameOf(table: BackupTable, r: Fields): string {
	const named = (label: string, v: unknown) =>
		typeof v === 'string' ? `${label} ${quote(v)}` : '';
	switch (table) {
		case 'settings':
			return named('setting', r.key);
		case 'users':
			return named('User ID', r.id);
		case 'cards':
			return named('Card ID', r.number);
		case 'images':
			return named('image of user', r.userId);
		case 'importSessions':
			return named('import', r.id);
		case 'importFiles':
			return named('file of import', r.sessionId);
		case 'importResults':
		case 'importJournal':
			return typeof r.sessionId === 'string'
				? `import ${quote(r.sessionId)}, chunk ${String(r.chunk)}`
				: '';
	}
}

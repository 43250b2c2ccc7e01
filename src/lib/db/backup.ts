/**
 * Back up and restore the whole database as one JSON file (dexie-export-import), images
 * included. A restore checks the file and the import guard before touching anything, then
 * replaces every table.
 */
import {
	exportDB,
	importInto,
	peakImportFile,
	type DexieExportJsonMeta
} from 'dexie-export-import';
import { appError, toAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import { DATABASE_NAME, type RosterDatabase } from './database';
import { assertNoImportRunning } from './guard';
import type { ImportSession } from '$lib/domain/import-session';
import { moveSessionFiles } from './schema';

export interface BackupSummary {
	databaseVersion: number;
	/** Rows per table, as the file declares them. */
	rows: Record<string, number>;
}

/** Everything in one Blob (JSON; Blobs such as images are embedded). */
export async function backUp(db: RosterDatabase): Promise<Result<Blob, AppError>> {
	try {
		return ok(await exportDB(db, { prettyJson: false }));
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

/** The file name a backup is saved under: `roster-backup-2026-05-01.json`. */
export function backupFileName(today: string): string {
	return `roster-backup-${today}.json`;
}

const notABackup = (detail: string): AppError =>
	appError('INVALID_INPUT', `This file is not a Roster backup (${detail}).`);

/** Reads the head of a file and says whether it is a backup this version of Roster can restore. */
export async function inspectBackup(
	db: RosterDatabase,
	file: Blob
): Promise<Result<BackupSummary, AppError>> {
	let meta: DexieExportJsonMeta;
	try {
		meta = await peakImportFile(file);
	} catch {
		return fail(notABackup('it is not a database export'));
	}
	if (meta?.formatName !== 'dexie' || typeof meta.data !== 'object' || meta.data === null) {
		return fail(notABackup('it is not a database export'));
	}
	const { databaseName, databaseVersion, tables } = meta.data;
	if (databaseName !== DATABASE_NAME && databaseName !== db.name) {
		return fail(notABackup(`it holds the database "${String(databaseName)}"`));
	}
	const known = new Set(db.tables.map((t) => t.name));
	const unknown = (tables ?? []).map((t) => t.name).filter((name) => !known.has(name));
	if (!Array.isArray(tables) || !tables.some((t) => t.name === 'users') || unknown.length > 0) {
		return fail(notABackup('its tables are not Roster tables'));
	}
	if (typeof databaseVersion !== 'number' || databaseVersion > db.verno) {
		return fail(
			appError(
				'INVALID_INPUT',
				`This backup was made by a newer version of Roster (data version ${String(databaseVersion)}; this app reads up to ${db.verno}). Update the app, then restore.`
			)
		);
	}
	return ok({
		databaseVersion,
		rows: Object.fromEntries(tables.map((t) => [t.name, t.rowCount]))
	});
}

/**
 * Replaces all data with the backup's, after inspectBackup accepted it, or leaves it as it was.
 * Refused while an import runs. An import that was running when the backup was taken comes back as interrupted, never
 * as running: nothing holds its lock after a restore.
 */
export async function restoreBackup(
	db: RosterDatabase,
	file: Blob
): Promise<Result<BackupSummary, AppError>> {
	const inspected = await inspectBackup(db, file);
	if (!inspected.ok) return inspected;
	const allowed = await assertRestoreAllowed(db);
	if (!allowed.ok) return allowed;
	// dexie-export-import clears the tables before it writes the backup, in transactions of its
	// own: a failure part-way (storage full) must not leave the admin with nothing. So the data
	// as it is now is kept aside first, and put back if the restore fails.
	const current = await backUp(db);
	if (!current.ok) return current;
	try {
		await importInto(db, file, {
			...REPLACE_ALL,
			transform: (table, value: unknown) => ({ value: restoredValue(table, value) })
		});
		await settleSessionFiles(db);
		return inspected;
	} catch (thrown) {
		const error = toAppError(thrown);
		const putBack = await importInto(db, current.value, REPLACE_ALL).then(
			() => 'Your data is as it was before.',
			() => 'Roster could not put your data back either: restore your latest backup.'
		);
		return fail(
			appError(
				error.code === 'UNEXPECTED' ? 'INVALID_INPUT' : error.code,
				`The backup could not be restored: ${error.message} ${putBack}`
			)
		);
	}
}

const REPLACE_ALL = {
	clearTablesBeforeImport: true,
	overwriteValues: true,
	acceptNameDiff: true,
	acceptVersionDiff: true,
	acceptMissingTables: false
} as const;

function restoredValue(table: string, value: unknown): unknown {
	if (table !== 'importSessions') return value;
	const session = value as ImportSession;
	return session.status === 'running' ? { ...session, status: 'interrupted' } : session;
}

/**
 * A backup made before data version 2 keeps each session's file inside its row and has no
 * importFiles table (so the restore left that table as it was): move the files out, as the
 * upgrade does, and drop the files of sessions the backup does not have.
 */
async function settleSessionFiles(db: RosterDatabase): Promise<void> {
	await db.transaction('rw', db.importSessions, db.importFiles, async () => {
		await moveSessionFiles(db);
		const sessions = new Set(await db.importSessions.toCollection().primaryKeys());
		const files = await db.importFiles.toCollection().primaryKeys();
		await db.importFiles.bulkDelete(files.filter((id) => !sessions.has(id)));
	});
}

/** Refuses at once when an import runs (the screen also disables the button). */
export async function assertRestoreAllowed(db: RosterDatabase): Promise<Result<true, AppError>> {
	try {
		await db.transaction('r', db.importSessions, () => assertNoImportRunning(db));
		return ok(true);
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

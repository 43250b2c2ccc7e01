/**
 * Back up and restore the whole database as one file (see backup-format.ts), images and import
 * files included. A restore reads and checks the whole file first (backup-checks.ts) and changes
 * nothing unless every record passes; then it replaces every table, and puts the data as it was
 * back if the writing fails part-way.
 */
import Dexie, { type Table } from 'dexie';
import { isFields, type Fields } from '$lib/domain/backup-rules';
import { appError, toAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import {
	BACKUP_TABLES,
	REPLICA_TABLES,
	isBackupTable,
	type BackupTable
} from '$lib/domain/backup-checks';
import { BackupWriter, readBackup } from '$lib/domain/backup-format';
import { inspectBackupFile, type BackupSummary } from '$lib/domain/backup-inspect';
import type { RosterDatabase } from './database';
import { assertNoImportRunning } from './guard';

export type { BackupSummary };

/** Records read per transaction while backing up. */
const PAGE = 1000;

/** Everything in one Blob. Each table is read page by page, in key order. */
export async function backUp(
	db: RosterDatabase,
	now = Date.now()
): Promise<Result<Blob, AppError>> {
	try {
		const unknown = db.tables
			.map((t) => t.name)
			.filter((name) => !isBackupTable(name) && !REPLICA_TABLES.includes(name));
		if (unknown.length > 0) {
			return fail(appError('UNEXPECTED', `Back up does not know the table ${unknown.join(', ')}.`));
		}
		const writer = new BackupWriter(db.verno, now);
		for (const name of BACKUP_TABLES) {
			for await (const record of pagesOf(db.table(name))) await writer.add(name, record);
		}
		return ok(writer.finish());
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

/** A table's records in key order, one read transaction per page (a page of keys after the last). */
async function* pagesOf(table: Table): AsyncGenerator<Fields> {
	const keyPath = table.schema.primKey.keyPath;
	if (keyPath === null || keyPath === undefined)
		throw new Error(`${table.name} has no inbound key`);
	let page = await table.orderBy(':id').limit(PAGE).toArray();
	while (page.length > 0) {
		for (const record of page) if (isFields(record)) yield record;
		const last = page[page.length - 1] as object;
		const key = Array.isArray(keyPath)
			? keyPath.map((path) => Dexie.getByKeyPath(last, path) as unknown)
			: (Dexie.getByKeyPath(last, keyPath) as unknown);
		page = await table.where(':id').above(key).limit(PAGE).toArray();
	}
}

/** The file name a backup is saved under: `roster-backup-2026-05-01.json`. */
export function backupFileName(today: string): string {
	return `roster-backup-${today}.json`;
}

/**
 * Reads the whole file and checks every record as a restore would, without changing anything:
 * ok means restoreBackup will accept it.
 */
export function inspectBackup(
	db: RosterDatabase,
	file: Blob
): Promise<Result<BackupSummary, AppError>> {
	return inspectBackupFile(file, db.verno);
}

/**
 * Replaces all data with the backup's once inspectBackup accepts the whole file, or leaves it as
 * it was. Refused while an import runs (the caller also holds the import lock, so none starts
 * meanwhile). An import that was running when the backup was taken comes back as interrupted:
 * nothing holds its lock after a restore.
 */
export async function restoreBackup(
	db: RosterDatabase,
	file: Blob
): Promise<Result<BackupSummary, AppError>> {
	const inspected = await inspectBackup(db, file);
	if (!inspected.ok) return inspected;
	const allowed = await assertRestoreAllowed(db);
	if (!allowed.ok) return allowed;
	// The backup is written in many transactions (one could not hold a large file): a failure
	// part-way (storage full) must not leave the admin with nothing. So the data as it is now is
	// kept aside first, and put back if the restore fails.
	const current = await backUp(db);
	if (!current.ok) return current;
	try {
		await replaceAll(db, file);
		return inspected;
	} catch (thrown) {
		const error = toAppError(thrown);
		const putBack = await replaceAll(db, current.value).then(
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

/** Records (or bytes of their files) written per transaction while restoring. */
const BATCH_RECORDS = 2000;
const BATCH_BYTES = 16 * 1024 * 1024;

/** Clears every table, then writes the file's records in batches. The file was checked. */
async function replaceAll(db: RosterDatabase, file: Blob): Promise<void> {
	await db.transaction('rw', db.tables, async () => {
		await assertNoImportRunning(db);
		await Promise.all(db.tables.map((table) => table.clear()));
	});
	let batch = new Map<BackupTable, Fields[]>();
	let records = 0;
	let bytes = 0;
	const flush = async (): Promise<void> => {
		const tables = [...batch.keys()].map((name) => db.table(name));
		if (tables.length === 0) return;
		const writing = batch;
		await db.transaction('rw', tables, async () => {
			for (const [name, rows] of writing) await db.table(name).bulkPut(rows);
		});
		batch = new Map();
		records = 0;
		bytes = 0;
	};
	for await (const entry of readBackup(file, true)) {
		if (entry.kind !== 'record') continue;
		const rows = batch.get(entry.table) ?? [];
		rows.push(restoredValue(entry.table, entry.record));
		batch.set(entry.table, rows);
		records += 1;
		for (const value of Object.values(entry.record)) if (value instanceof Blob) bytes += value.size;
		if (records >= BATCH_RECORDS || bytes >= BATCH_BYTES) await flush();
	}
	await flush();
}

function restoredValue(table: BackupTable, record: Fields): Fields {
	return table === 'importSessions' && record.status === 'running'
		? { ...record, status: 'interrupted' }
		: record;
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

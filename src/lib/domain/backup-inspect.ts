/**
 * Reads a whole backup file and judges it as a restore would, without changing anything: its
 * structure (backup-format.ts), then every record and the records together (backup-checks.ts).
 * The browser and the server both restore only what this accepts.
 */
import { BackupChecker } from './backup-checks';
import { BACKUP_FORMAT_VERSION, BackupFileError, readBackup } from './backup-format';
import { appError, toAppError, type AppError } from './errors';
import { fail, ok, type Result } from './result';

export interface BackupSummary {
	databaseVersion: number;
	/** Records per table, as read from the file. */
	rows: Record<string, number>;
}

const NOTHING_CHANGED = 'Nothing in Roster was changed.';

function fileRefusal(error: BackupFileError): AppError {
	switch (error.problem) {
		case 'not-a-backup':
			return appError('INVALID_INPUT', `This file is not a Roster backup (${error.message}).`);
		case 'incomplete':
			return appError(
				'INVALID_INPUT',
				`This backup file is incomplete: ${error.message}, so it was probably cut short while it was saved or copied. ${NOTHING_CHANGED} Restore a complete backup file.`
			);
		case 'damaged':
			return appError(
				'INVALID_INPUT',
				`This backup file is damaged: ${error.message}. ${NOTHING_CHANGED} Restore another backup file.`
			);
	}
}

const ruleRefusal = (problems: string[]): AppError =>
	appError(
		'INVALID_INPUT',
		`This backup cannot be restored: ${problems.join('; ')}. ${NOTHING_CHANGED} Correct the file or restore another backup.`
	);

/**
 * Ok when every line and record of the file passes. `readsUpTo` is the newest data version the
 * reader understands: a file of a newer one is refused rather than half-understood.
 */
export async function inspectBackupFile(
	file: Blob,
	readsUpTo: number
): Promise<Result<BackupSummary, AppError>> {
	const checker = new BackupChecker();
	let databaseVersion = 0;
	try {
		for await (const entry of readBackup(file, false)) {
			if (entry.kind === 'head') {
				databaseVersion = entry.head.databaseVersion;
				if (entry.head.formatVersion > BACKUP_FORMAT_VERSION || databaseVersion > readsUpTo) {
					return fail(
						appError(
							'INVALID_INPUT',
							`This backup was made by a newer version of Roster (data version ${databaseVersion}; this app reads up to ${readsUpTo}). Update the app, then restore.`
						)
					);
				}
			} else {
				const checked =
					entry.kind === 'record' ? checker.check(entry.table, entry.record) : checker.finish();
				if (!checked.ok) return fail(ruleRefusal(checked.errors));
			}
		}
	} catch (thrown) {
		if (thrown instanceof BackupFileError) return fail(fileRefusal(thrown));
		return fail(toAppError(thrown));
	}
	return ok({ databaseVersion, rows: checker.counts });
}

/**
 * `POST /api/restore`: a backup file into an empty site. The whole file is read and judged
 * first, by the same checks as the browser's restore (src/lib/domain/backup-inspect.ts:
 * structure, counts, every record's rules, duplicates, owners); only then is it written, in one
 * transaction with a feed change per record, so every replica receives the restored site and a
 * failure part-way leaves the site as empty as it was.
 */
import type { BackupTable } from '../../src/lib/domain/backup-checks';
import { readBackup } from '../../src/lib/domain/backup-format';
import type { Fields } from '../../src/lib/domain/backup-rules';
import { inspectBackupFile } from '../../src/lib/domain/backup-inspect';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import type { BackupSection } from './backup-section';
import { announceVersion, BACKUP_SECTIONS } from './backup-sections';
import { assertSiteFree } from './import-lease';
import { lockSiteForWrite } from './versions';

/** Records written per statement, and bytes of their files (photos). */
const BATCH = 1_000;
const BATCH_BYTES = 16 * 1024 * 1024;

export interface RestoreAnswer {
	/** Records written, per table the site holds. */
	restored: Partial<Record<BackupTable, number>>;
	/**
	 * Records of the file the site does not hold, per table: an import's history stays in the
	 * browser that ran it, and so do its settings that are not the site's (the theme).
	 */
	left: Partial<Record<BackupTable, number>>;
	version: number;
}

/**
 * How many records the site holds of each table that refuses a restore (users and cards; settings
 * do not: a restore replaces them).
 */
export async function siteContents(
	tx: SqlQueryable,
	siteId: string
): Promise<Partial<Record<BackupTable, number>>> {
	const counts: Partial<Record<BackupTable, number>> = {};
	for (const section of BACKUP_SECTIONS)
		if (section.count) counts[section.table] = await section.count(tx, siteId);
	return counts;
}

/** Refuses unless the site holds no users or cards: a restore never merges into a site. */
export async function assertSiteEmpty(tx: SqlQueryable, siteId: string): Promise<void> {
	const held = Object.entries(await siteContents(tx, siteId))
		.filter(([, n]) => n > 0)
		.map(([table, n]) => `${n} ${table}`);
	if (held.length > 0)
		throw new ApiFailure(
			'SITE_NOT_EMPTY',
			`This site already holds ${held.join(' and ')}. A backup is restored only into an empty site: erase the site first (Settings, Erase all data), then restore. Nothing was changed.`,
			{ detail: { held } }
		);
}

/**
 * Any data version: the server keeps settings, users, cards and photos, whose shape the checks
 * judge record by record, and an import's history, which older versions stored differently,
 * stays out.
 */
const READS_EVERY_VERSION = Number.MAX_SAFE_INTEGER;

export async function restoreSite(
	db: SqlDatabase,
	admin: Admin,
	file: Blob
): Promise<RestoreAnswer> {
	// Asked first as well as under the lock: an admin told to erase should not wait for the
	// whole file to be read.
	await assertSiteEmpty(db, admin.siteId);
	const inspected = await inspectBackupFile(file, READS_EVERY_VERSION);
	if (!inspected.ok) {
		throw new ApiFailure('INVALID_INPUT', inspected.errors.map((e) => e.message).join(' '));
	}
	const sections = new Map<BackupTable, BackupSection>(BACKUP_SECTIONS.map((s) => [s.table, s]));
	return db.transaction(async (tx) => {
		await lockSiteForWrite(tx, admin.siteId);
		await assertSiteFree(tx, admin.siteId, Date.now());
		await assertSiteEmpty(tx, admin.siteId);
		const reserve = (n: number) => reserveVersions(tx, admin.siteId, n);
		let version = 0;
		for (const section of BACKUP_SECTIONS) {
			const last = (await section.clearForRestore?.(tx, admin.siteId, reserve)) ?? 0;
			version = Math.max(version, last);
		}
		const restored: Partial<Record<BackupTable, number>> = {};
		const left: Partial<Record<BackupTable, number>> = {};
		let batch: Fields[] = [];
		let batchBytes = 0;
		let batchSection: BackupSection | null = null;
		const flush = async (): Promise<void> => {
			if (batchSection === null || batch.length === 0) return;
			const versions = batch.length * batchSection.versionsPerRecord;
			const last = await reserve(versions);
			await batchSection.restore(tx, admin.siteId, admin.id, batch, last - versions + 1);
			restored[batchSection.table] = (restored[batchSection.table] ?? 0) + batch.length;
			version = last;
			batch = [];
			batchBytes = 0;
		};
		for await (const entry of readBackup(file, true)) {
			if (entry.kind !== 'record') continue;
			const section = sections.get(entry.table);
			if (section === undefined || section.keeps?.(entry.record) === false) {
				left[entry.table] = (left[entry.table] ?? 0) + 1;
				continue;
			}
			if (section !== batchSection || batch.length >= BATCH || batchBytes >= BATCH_BYTES) {
				await flush();
				batchSection = section;
			}
			batch.push(entry.record);
			for (const value of Object.values(entry.record))
				if (value instanceof Blob) batchBytes += value.size;
		}
		await flush();
		if (version > 0) await announceVersion(tx, admin.siteId, version);
		return { restored, left, version };
	});
}

/** Takes `n` versions at once for a batch; returns the last of them. */
async function reserveVersions(tx: SqlQueryable, siteId: string, n: number): Promise<number> {
	const rows = await tx.query<{ version: number | string }>(
		'UPDATE site_versions SET version = version + $2 WHERE site_id = $1 RETURNING version',
		[siteId, n]
	);
	return Number(rows[0]?.version);
}

/**
 * `GET /api/backup`: the whole site in the browser's one-file backup format
 * (src/lib/domain/backup-format.ts), so a server backup restores in a browser-only Roster and a
 * browser's backup restores here.
 *
 * Every page is read inside one REPEATABLE READ transaction, so the file is one moment of the
 * site: a card added while the backup runs can never be in it without its user. The pages go to
 * a temporary file rather than straight to the admin's connection: the transaction then lasts as
 * long as reading the database takes, not as long as a slow download (on PGlite, a transaction
 * holds the only connection), and neither side ever holds the whole site in memory.
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupEncoder } from '../../src/lib/domain/backup-format';
import type { SqlDatabase } from '../db/sql';
import { BACKUP_SECTIONS } from './backup-sections';

/**
 * The browser database version (src/lib/db/schema.ts) whose user and card records the server
 * writes: a browser at that version or later restores the file.
 */
export const SERVER_BACKUP_DATABASE_VERSION = 2;

/** Records read per query. */
const PAGE = 1_000;

export interface BackupFile {
	path: string;
	size: number;
	/** Removes the temporary file once it is sent (or was not). */
	dispose(): Promise<void>;
}

export async function writeSiteBackup(
	db: SqlDatabase,
	siteId: string,
	now: number
): Promise<BackupFile> {
	const dir = await mkdtemp(join(tmpdir(), 'roster-backup-'));
	const path = join(dir, 'backup.json');
	const dispose = () => rm(dir, { recursive: true, force: true });
	try {
		const handle = await open(path, 'w');
		try {
			const encoder = new BackupEncoder(SERVER_BACKUP_DATABASE_VERSION, now);
			await handle.write(encoder.head());
			await db.transaction(async (tx) => {
				await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
				for (const section of BACKUP_SECTIONS) {
					let after: string | null = null;
					for (;;) {
						const page = await section.page(tx, siteId, after, PAGE);
						if (page.length === 0) break;
						const lines: string[] = [];
						for (const { record } of page) {
							for await (const line of encoder.record(section.table, record)) lines.push(line);
						}
						await handle.write(lines.join(''));
						after = page[page.length - 1]?.key ?? null;
					}
				}
			});
			await handle.write(encoder.end());
		} finally {
			await handle.close();
		}
		const { size } = await stat(path);
		return { path, size, dispose };
	} catch (error) {
		await dispose();
		throw error;
	}
}

/**
 * One table of a backup (backup-sections.ts lists them): how it is read page by page, written
 * back with its feed changes, and erased, with the helpers the sections share.
 */
import type { BackupTable } from '../../src/lib/domain/backup-checks';
import type { Fields } from '../../src/lib/domain/backup-rules';
import type { SqlQueryable } from '../db/sql';
import type { ChangeEntity } from './versions';

export interface BackupSection {
	table: BackupTable;
	/** The records after `after` (null: from the first), at most `limit`, in key order. */
	page(
		tx: SqlQueryable,
		siteId: string,
		after: string | null,
		limit: number
	): Promise<{ key: string; record: Fields }[]>;
	/** Versions a restored record takes (a photo takes two: its own and its user's hasImage). */
	versionsPerRecord: number;
	/** Whether the site keeps this record of a file; absent: every record (settings: the site's keys only). */
	keeps?(record: Fields): boolean;
	/**
	 * Writes records the backup checks accepted, each with its feed changes, using
	 * `versionsPerRecord` versions a record from `firstVersion`.
	 */
	restore(
		tx: SqlQueryable,
		siteId: string,
		adminId: string,
		records: readonly Fields[],
		firstVersion: number
	): Promise<void>;
	/**
	 * How many records the site holds, for a table whose records refuse a restore (users and
	 * cards: a restore never merges people into a site, and a photo always has its user).
	 */
	count?(tx: SqlQueryable, siteId: string): Promise<number>;
	/**
	 * For a table that does not refuse a restore (settings an admin saved in a fresh site):
	 * removes the site's records before the file's are written, each fed as gone, with versions
	 * from `reserve`. Returns the last version used, or 0.
	 */
	clearForRestore?(
		tx: SqlQueryable,
		siteId: string,
		reserve: (n: number) => Promise<number>
	): Promise<number>;
	erase(tx: SqlQueryable, siteId: string): Promise<void>;
}

/** The record as the browser keeps it: the feed's record without the server's version. */
export function withoutVersion<T extends { version: number }>(record: T): Omit<T, 'version'> {
	const { version: _version, ...rest } = record;
	return rest;
}

export async function countRows(tx: SqlQueryable, table: string, siteId: string): Promise<number> {
	const rows = await tx.query<{ n: number | string }>(
		`SELECT count(*) AS n FROM ${table} WHERE site_id = $1`,
		[siteId]
	);
	return Number(rows[0]?.n ?? 0);
}

/**
 * Appends the feed changes of a restored batch in one statement; each change's version is its
 * record's, or `version` beside a record of null (gone).
 */
export async function recordChanges(
	tx: SqlQueryable,
	siteId: string,
	entity: ChangeEntity,
	changes: readonly (
		{ key: string; record: { version: number } } | { key: string; version: number; record: null }
	)[]
): Promise<void> {
	await tx.query(
		`INSERT INTO changes (site_id, version, entity, key, record)
		 SELECT $1, coalesce(c->>'version', c->'record'->>'version')::bigint, $2, c->>'key',
		        nullif(c->'record', 'null'::jsonb)
		 FROM jsonb_array_elements($3::jsonb) AS c`,
		[siteId, entity, JSON.stringify(changes)]
	);
}

/** The version each record of a batch gets: the batch's first, then one more each. */
export const versioned = (
	records: readonly Fields[],
	firstVersion: number
): (Fields & { version: number })[] =>
	records.map((record, i) => ({ ...record, version: firstVersion + i }));

import type { SqlQueryable } from '../db/sql';

/** The channel that tells every server process of a site that its version moved. */
export const CHANGES_CHANNEL = 'roster_changes';

export type ChangeEntity = 'user' | 'card' | 'image' | 'setting' | 'lease';

/**
 * Makes the transaction the site's only writer until it commits: every mutation starts here, so
 * its uniqueness checks and its versions cannot race another writer's, on any server process,
 * and versions are committed in the order they were handed out (see migration 0002).
 */
export async function lockSiteForWrite(tx: SqlQueryable, siteId: string): Promise<void> {
	await tx.query('SELECT version FROM site_versions WHERE site_id = $1 FOR UPDATE', [siteId]);
}

/** The next version of the site, inside a transaction that has locked it. */
export async function nextVersion(tx: SqlQueryable, siteId: string): Promise<number> {
	const rows = await tx.query<{ version: number | string }>(
		'UPDATE site_versions SET version = version + 1 WHERE site_id = $1 RETURNING version',
		[siteId]
	);
	const version = rows[0]?.version;
	if (version === undefined) throw new Error(`Site ${siteId} has no version row`);
	return Number(version);
}

/** Appends one change to the feed and tells the listeners once the transaction commits. */
export async function recordChange(
	tx: SqlQueryable,
	siteId: string,
	version: number,
	change: { entity: ChangeEntity; key: string; record: object | null }
): Promise<void> {
	await tx.query(
		'INSERT INTO changes (site_id, version, entity, key, record) VALUES ($1, $2, $3, $4, $5)',
		[siteId, version, change.entity, change.key, change.record && JSON.stringify(change.record)]
	);
	// NOTIFY is delivered at commit, and not at all on rollback.
	await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${siteId}:${version}`]);
}

/**
 * The site's version and epoch together. The epoch moves only when the site is erased: a replica
 * whose records came from another epoch must drop them and sync from version 0.
 */
export async function siteHead(
	db: SqlQueryable,
	siteId: string
): Promise<{ version: number; epoch: number }> {
	const rows = await db.query<{ version: number | string; epoch: number | string }>(
		'SELECT version, epoch FROM site_versions WHERE site_id = $1',
		[siteId]
	);
	return { version: Number(rows[0]?.version ?? 0), epoch: Number(rows[0]?.epoch ?? 0) };
}

export async function currentVersion(db: SqlQueryable, siteId: string): Promise<number> {
	const rows = await db.query<{ version: number | string }>(
		'SELECT version FROM site_versions WHERE site_id = $1',
		[siteId]
	);
	return Number(rows[0]?.version ?? 0);
}

export interface Change {
	version: number;
	entity: ChangeEntity;
	key: string;
	record: object | null;
}

/** A page of the feed after `since`, oldest first. */
export async function changesSince(
	db: SqlQueryable,
	siteId: string,
	since: number,
	limit: number
): Promise<Change[]> {
	const rows = await db.query<{
		version: number | string;
		entity: ChangeEntity;
		key: string;
		record: object | null;
	}>(
		`SELECT version, entity, key, record FROM changes
		 WHERE site_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
		[siteId, since, limit]
	);
	return rows.map((row) => ({ ...row, version: Number(row.version) }));
}

import type { SqlDatabase, SqlQueryable } from '../db/sql';

/** The channel that tells every server process of a site that its version moved. */
export const CHANGES_CHANNEL = 'roster_changes';

export type ChangeEntity = 'user' | 'card' | 'image' | 'setting' | 'lease' | 'import';

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

/** A page of the feed as the JSON text of its changes, and the version of its last change. */
export interface FeedPageText {
	/** `[{ "version", "entity", "key", "record" }, …]`, oldest first. */
	changesJson: string;
	/** The last change's version; null when the page is empty. */
	last: number | null;
}

/**
 * A page of the feed after `since`, oldest first, as JSON built by the database: the records are
 * jsonb already, so turning each into an object in Node and back into text would be most of a
 * page's cost (a first sync reads the whole feed this way).
 *
 * The page is read in the primary key's order, never sorted: PGlite has no autovacuum, so a feed
 * grown by an import or a restore has no statistics, and the planner then guesses a few hundred
 * rows and sorts every later change on disk to keep 5 000 (measured on a 200 000-change feed:
 * 180 ms a page instead of 25). Turning sorting off for this one statement leaves it the index.
 */
export async function feedPageText(
	db: SqlDatabase,
	siteId: string,
	since: number,
	limit: number
): Promise<FeedPageText> {
	const rows = await db.transaction(async (tx) => {
		await tx.query('SET LOCAL enable_sort = off');
		return tx.query<{ changes: string | null; last: number | string | null }>(
			`SELECT string_agg(
			   '{"version":' || version || ',"entity":' || to_json(entity) || ',"key":' || to_json(key)
			     || ',"record":' || coalesce(record::text, 'null') || '}',
			   ',' ORDER BY version) AS changes,
			   max(version) AS last
			 FROM (SELECT version, entity, key, record FROM changes
			       WHERE site_id = $1 AND version > $2 ORDER BY version LIMIT $3) AS page`,
			[siteId, since, limit]
		);
	});
	const { changes = null, last = null } = rows[0] ?? {};
	return {
		changesJson: changes === null ? '[]' : `[${changes}]`,
		last: last === null ? null : Number(last)
	};
}

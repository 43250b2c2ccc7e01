/**
 * What a stale write is judged by: the record as the admin saw it (its change at the version
 * they edited) and who wrote it since, for CHANGED_MEANWHILE.
 */
import type { SqlQueryable } from '../db/sql';
import type { ChangeEntity } from './versions';

/** The record as a change of the feed holds it at `version`; null when that change is unknown. */
export async function recordAt<T>(
	tx: SqlQueryable,
	siteId: string,
	entity: ChangeEntity,
	key: string,
	version: number
): Promise<T | null> {
	const rows = await tx.query<{ record: T | null }>(
		`SELECT record FROM changes WHERE site_id = $1 AND entity = $2 AND key = $3 AND version = $4`,
		[siteId, entity, key, version]
	);
	return rows[0]?.record ?? null;
}

/** The tables whose rows keep who last wrote them (`updated_by`, `written_by`), by their key. */
const AUTHORED = {
	user: { table: 'users', key: 'id' },
	card: { table: 'cards', key: 'number' }
} as const;

/** Who last wrote a record: what bulk write it was, or the admin's name. */
export async function lastWriter(
	tx: SqlQueryable,
	siteId: string,
	entity: keyof typeof AUTHORED,
	key: string
): Promise<string> {
	const { table, key: column } = AUTHORED[entity];
	const rows = await tx.query<{ written_by: string | null; name: string | null }>(
		`SELECT r.written_by, a.name FROM ${table} r LEFT JOIN admins a ON a.id = r.updated_by
		 WHERE r.site_id = $1 AND r.${column} = $2`,
		[siteId, key]
	);
	const row = rows[0];
	return row?.written_by ?? row?.name ?? 'another admin';
}

/**
 * What of the site a backup holds, table by table, in the order of the file (BACKUP_TABLES:
 * an owner before what it owns). Each section reads its records a page at a time in key order
 * (keyset: the page after the last key, never an OFFSET), writes a checked batch back with a
 * feed change per record, counts and erases its rows. Backup, restore and erase walk this one
 * list, so a table the site gains later (images, settings: the site-files work) is one more
 * entry here and nothing else.
 */
import type { BackupTable } from '../../src/lib/domain/backup-checks';
import type { Fields } from '../../src/lib/domain/backup-rules';
import type { SqlQueryable } from '../db/sql';
import {
	cardRecordOf,
	userRecordOf,
	type CardRecord,
	type CardRow,
	type UserRecord,
	type UserRow
} from './records';
import { CHANGES_CHANNEL, type ChangeEntity } from './versions';

export interface BackupSection {
	table: BackupTable;
	/** The records after `after` (null: from the first), at most `limit`, in key order. */
	page(
		tx: SqlQueryable,
		siteId: string,
		after: string | null,
		limit: number
	): Promise<{ key: string; record: Fields }[]>;
	/** Writes records the backup checks accepted, each with its feed change, from `firstVersion`. */
	restore(
		tx: SqlQueryable,
		siteId: string,
		adminId: string,
		records: readonly Fields[],
		firstVersion: number
	): Promise<void>;
	count(tx: SqlQueryable, siteId: string): Promise<number>;
	erase(tx: SqlQueryable, siteId: string): Promise<void>;
}

/** The record as the browser keeps it: the feed's record without the server's version. */
function withoutVersion<T extends { version: number }>(record: T): Omit<T, 'version'> {
	const { version: _version, ...rest } = record;
	return rest;
}

async function countRows(tx: SqlQueryable, table: string, siteId: string): Promise<number> {
	const rows = await tx.query<{ n: number | string }>(
		`SELECT count(*) AS n FROM ${table} WHERE site_id = $1`,
		[siteId]
	);
	return Number(rows[0]?.n ?? 0);
}

/** Appends the feed changes of a restored batch, one per record, in one statement. */
async function recordChanges(
	tx: SqlQueryable,
	siteId: string,
	entity: ChangeEntity,
	changes: readonly { key: string; record: UserRecord | CardRecord }[]
): Promise<void> {
	await tx.query(
		`INSERT INTO changes (site_id, version, entity, key, record)
		 SELECT $1, (c->'record'->>'version')::bigint, $2, c->>'key', c->'record'
		 FROM jsonb_array_elements($3::jsonb) AS c`,
		[siteId, entity, JSON.stringify(changes)]
	);
}

/** The version each record of a batch gets: the batch's first, then one more each. */
const versioned = (records: readonly Fields[], firstVersion: number) =>
	records.map((record, i) => ({ ...record, version: firstVersion + i }));

const users: BackupSection = {
	table: 'users',
	async page(tx, siteId, after, limit) {
		const rows = await tx.query<UserRow>(
			`SELECT * FROM users WHERE site_id = $1 AND ($2::text IS NULL OR id > $2)
			 ORDER BY id LIMIT $3`,
			[siteId, after, limit]
		);
		return rows.map((row) => ({ key: row.id, record: withoutVersion(userRecordOf(row)) }));
	},
	async restore(tx, siteId, adminId, records, firstVersion) {
		// Images are not on the server yet (the site-files work): a restored user has none, so
		// no screen shows a picture the site cannot serve. `imageFile` stays, for a later upload.
		const rows = await tx.query<UserRow>(
			`INSERT INTO users (site_id, id, name, email, phone, phone_digits, user_type, department,
			                    title, image_file, has_image, created_at, updated_at, version, updated_by)
			 SELECT $1, r.id, r.name, r.email, r.phone, r."phoneDigits", r."userType", r.department,
			        r.title, r."imageFile", false, round(r."createdAt")::bigint,
			        round(r."updatedAt")::bigint, r.version, $2::uuid
			 FROM jsonb_to_recordset($3::jsonb) AS r(
			   id text, name text, email text, phone text, "phoneDigits" text, "userType" text,
			   department text, title text, "imageFile" text, "createdAt" double precision,
			   "updatedAt" double precision, version bigint)
			 RETURNING *`,
			[siteId, adminId, JSON.stringify(versioned(records, firstVersion))]
		);
		await recordChanges(
			tx,
			siteId,
			'user',
			rows.map((row) => ({ key: row.id, record: userRecordOf(row) }))
		);
	},
	count: (tx, siteId) => countRows(tx, 'users', siteId),
	async erase(tx, siteId) {
		await tx.query('DELETE FROM users WHERE site_id = $1', [siteId]);
	}
};

const cards: BackupSection = {
	table: 'cards',
	async page(tx, siteId, after, limit) {
		const rows = await tx.query<CardRow>(
			`SELECT * FROM cards WHERE site_id = $1 AND ($2::text IS NULL OR number > $2)
			 ORDER BY number LIMIT $3`,
			[siteId, after, limit]
		);
		return rows.map((row) => ({ key: row.number, record: withoutVersion(cardRecordOf(row)) }));
	},
	async restore(tx, siteId, _adminId, records, firstVersion) {
		const rows = await tx.query<CardRow>(
			`INSERT INTO cards (site_id, number, user_id, status, valid_from, valid_to, entered_as,
			                    wiegand, issued_at, created_at, updated_at, version)
			 SELECT $1, r.number, r."userId", r.status, r."validFrom", r."validTo", r."enteredAs",
			        r.wiegand, round(r."issuedAt")::bigint, round(r."createdAt")::bigint,
			        round(r."updatedAt")::bigint, r.version
			 FROM jsonb_to_recordset($2::jsonb) AS r(
			   number text, "userId" text, status text, "validFrom" text, "validTo" text,
			   "enteredAs" jsonb, wiegand jsonb, "issuedAt" double precision, "createdAt" double precision,
			   "updatedAt" double precision, version bigint)
			 RETURNING *`,
			[siteId, JSON.stringify(versioned(records, firstVersion))]
		);
		await recordChanges(
			tx,
			siteId,
			'card',
			rows.map((row) => ({ key: row.number, record: cardRecordOf(row) }))
		);
	},
	count: (tx, siteId) => countRows(tx, 'cards', siteId),
	async erase(tx, siteId) {
		await tx.query('DELETE FROM cards WHERE site_id = $1', [siteId]);
	}
};

/**
 * The site's tables in backup order. SEAM for the site-files work (migration 0004, tables
 * `site_settings` and `images`): add their sections here, `settings` first and `images` after
 * `cards`, as BACKUP_TABLES orders them. Until then a backup holds users and cards, and a
 * restore leaves a file's settings and images out and says so.
 */
export const BACKUP_SECTIONS: readonly BackupSection[] = [users, cards];

/** Tells every server process that the site's version moved, once the transaction commits. */
export async function announceVersion(
	tx: SqlQueryable,
	siteId: string,
	version: number
): Promise<void> {
	await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${siteId}:${version}`]);
}

/**
 * What of the site a backup holds, table by table, in the order of the file (BACKUP_TABLES:
 * an owner before what it owns). Each section reads its records a page at a time in key order
 * (keyset: the page after the last key, never an OFFSET), writes a checked batch back with the
 * feed changes a live write records, and erases its rows (backup-section.ts says the contract).
 * Backup, restore and erase walk this one list, so a table the site gains later is one more
 * entry here and nothing else. Users and cards are here; settings and photos in
 * backup-site-files.ts.
 */
import type { SqlQueryable } from '../db/sql';
import {
	countRows,
	recordChanges,
	versioned,
	withoutVersion,
	type BackupSection
} from './backup-section';
import { images, settings } from './backup-site-files';
import { cardRecordOf, userRecordOf, type CardRow, type UserRow } from './records';
import { CHANGES_CHANNEL } from './versions';

const users: BackupSection = {
	table: 'users',
	versionsPerRecord: 1,
	async page(tx, siteId, after, limit) {
		const rows = await tx.query<UserRow>(
			`SELECT * FROM users WHERE site_id = $1 AND ($2::text IS NULL OR id > $2)
			 ORDER BY id LIMIT $3`,
			[siteId, after, limit]
		);
		return rows.map((row) => ({ key: row.id, record: withoutVersion(userRecordOf(row)) }));
	},
	async restore(tx, siteId, adminId, records, firstVersion) {
		// No photo yet: the images section sets hasImage as it restores each user's photo, with a
		// change of its own, as an upload does. A file's user whose photo is not in it (or says
		// hasImage without one) never shows a picture the site cannot serve.
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
	versionsPerRecord: 1,
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

/** The site's tables in backup order, as BACKUP_TABLES orders them (an owner before what it owns). */
export const BACKUP_SECTIONS: readonly BackupSection[] = [settings, users, cards, images];

/** Tells every server process that the site's version moved, once the transaction commits. */
export async function announceVersion(
	tx: SqlQueryable,
	siteId: string,
	version: number
): Promise<void> {
	await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${siteId}:${version}`]);
}

import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../http/api-failure';
import { sqlErrorOf, UNIQUE_VIOLATION, type SqlDatabase, type SqlQueryable } from '../db/sql';

export type AdminRole = 'owner' | 'admin';

/** An admin as the API shows it: never the password hash. */
export interface Admin {
	id: string;
	siteId: string;
	email: string;
	name: string;
	role: AdminRole;
	disabled: boolean;
}

export interface NewAdmin {
	name: string;
	email: string;
	passwordHash: string;
	role: AdminRole;
}

interface AdminRow {
	id: string;
	site_id: string;
	email: string;
	name: string;
	role: AdminRole;
	disabled_at: Date | null;
}

const COLUMNS = 'id, site_id, email, name, role, disabled_at';

export const adminOf = (row: AdminRow): Admin => ({
	id: row.id,
	siteId: row.site_id,
	email: row.email,
	name: row.name,
	role: row.role,
	disabled: row.disabled_at !== null
});

/** Emails compare as people mean them: trimmed, lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

// Only its sameness across processes matters (see migrate.ts).
const SETUP_LOCK = 7_421_002;

export async function isSetUp(db: SqlQueryable): Promise<boolean> {
	const rows = await db.query('SELECT 1 FROM sites LIMIT 1');
	return rows.length > 0;
}

/**
 * First start: creates the site and its owner in one transaction. Two setup requests at once
 * (or two server processes) serialise on the lock, and the second finds the site made.
 */
export async function setUpSite(
	db: SqlDatabase,
	siteName: string,
	owner: Omit<NewAdmin, 'role'>
): Promise<Admin> {
	return db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
		if (await isSetUp(tx))
			throw new ApiFailure('ALREADY_SET_UP', 'This site already has an owner. Sign in instead.');
		const siteId = randomUUID();
		await tx.query('INSERT INTO sites (id, name) VALUES ($1, $2)', [siteId, siteName]);
		await tx.query('INSERT INTO site_versions (site_id) VALUES ($1)', [siteId]);
		return insertAdmin(tx, siteId, { ...owner, role: 'owner' });
	});
}

/** The one site of this server, or null before setup. */
export async function theSite(db: SqlQueryable): Promise<{ id: string; name: string } | null> {
	const rows = await db.query<{ id: string; name: string }>(
		'SELECT id, name FROM sites ORDER BY created_at LIMIT 1'
	);
	return rows[0] ?? null;
}

export async function insertAdmin(
	db: SqlQueryable,
	siteId: string,
	admin: NewAdmin
): Promise<Admin> {
	try {
		const rows = await db.query<AdminRow>(
			`INSERT INTO admins (id, site_id, email, name, password_hash, role)
			 VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
			[
				randomUUID(),
				siteId,
				normaliseEmail(admin.email),
				admin.name.trim(),
				admin.passwordHash,
				admin.role
			]
		);
		return adminOf(rows[0] as AdminRow);
	} catch (error) {
		const { code, constraint } = sqlErrorOf(error);
		if (code === UNIQUE_VIOLATION && constraint === 'admins_email_per_site')
			throw new ApiFailure(
				'DUPLICATE_EMAIL',
				`An admin with the email ${normaliseEmail(admin.email)} already exists on this site`
			);
		throw error;
	}
}

export async function adminForSignIn(
	db: SqlQueryable,
	email: string
): Promise<(Admin & { passwordHash: string }) | null> {
	const rows = await db.query<AdminRow & { password_hash: string }>(
		`SELECT ${COLUMNS}, password_hash FROM admins WHERE email = $1`,
		[normaliseEmail(email)]
	);
	const row = rows[0];
	return row ? { ...adminOf(row), passwordHash: row.password_hash } : null;
}

export async function listAdmins(db: SqlQueryable, siteId: string): Promise<Admin[]> {
	const rows = await db.query<AdminRow>(
		`SELECT ${COLUMNS} FROM admins WHERE site_id = $1 ORDER BY name, email`,
		[siteId]
	);
	return rows.map(adminOf);
}

async function lockedAdmin(tx: SqlQueryable, siteId: string, id: string): Promise<Admin> {
	const rows = await tx.query<AdminRow>(
		`SELECT ${COLUMNS} FROM admins WHERE site_id = $1 AND id = $2 FOR UPDATE`,
		[siteId, id]
	);
	const row = rows[0];
	if (!row) throw new ApiFailure('NOT_FOUND', 'There is no such admin on this site');
	return adminOf(row);
}

/** A site must keep an owner who can sign in: refuses to disable or remove the last one. */
async function assertAnotherActiveOwner(tx: SqlQueryable, siteId: string, id: string) {
	await tx.query('SELECT id FROM admins WHERE site_id = $1 AND role = $2 FOR UPDATE', [
		siteId,
		'owner'
	]);
	const others = await tx.query(
		`SELECT 1 FROM admins
		 WHERE site_id = $1 AND role = 'owner' AND disabled_at IS NULL AND id <> $2`,
		[siteId, id]
	);
	if (others.length === 0)
		throw new ApiFailure(
			'LAST_OWNER',
			'This is the site’s only owner. Make another admin an owner first.'
		);
}

/** Disabling also ends the admin's sessions, so it takes effect at once. */
export async function setDisabled(
	db: SqlDatabase,
	siteId: string,
	id: string,
	disabled: boolean
): Promise<Admin> {
	return db.transaction(async (tx) => {
		const admin = await lockedAdmin(tx, siteId, id);
		if (disabled && admin.role === 'owner') await assertAnotherActiveOwner(tx, siteId, id);
		const rows = await tx.query<AdminRow>(
			`UPDATE admins SET disabled_at = ${disabled ? 'now()' : 'NULL'}
			 WHERE id = $1 RETURNING ${COLUMNS}`,
			[id]
		);
		if (disabled) await tx.query('DELETE FROM sessions WHERE admin_id = $1', [id]);
		return adminOf(rows[0] as AdminRow);
	});
}

export async function removeAdmin(db: SqlDatabase, siteId: string, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		const admin = await lockedAdmin(tx, siteId, id);
		if (admin.role === 'owner') await assertAnotherActiveOwner(tx, siteId, id);
		// Sessions go with it (ON DELETE CASCADE).
		await tx.query('DELETE FROM admins WHERE id = $1', [id]);
	});
}

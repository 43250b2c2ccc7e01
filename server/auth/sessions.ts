import type { SqlQueryable } from '../db/sql';
import { adminOf, type Admin } from './admins';
import { newToken, tokenHash } from './tokens';

/** A session lasts two weeks from its last use. */
export const SESSION_DAYS = 14;

export async function createSession(db: SqlQueryable, adminId: string): Promise<string> {
	const token = newToken();
	await db.query(
		`INSERT INTO sessions (token_hash, admin_id, expires_at)
		 VALUES ($1, $2, now() + make_interval(days => $3))`,
		[tokenHash(token), adminId, SESSION_DAYS]
	);
	return token;
}

/**
 * The admin a token signs in, or null: an unknown or expired token, or a disabled admin, signs
 * nobody in. The expiry slides forward at most once a day, so reads rarely write.
 */
export async function adminOfSession(db: SqlQueryable, token: string): Promise<Admin | null> {
	const hash = tokenHash(token);
	const rows = await db.query<Parameters<typeof adminOf>[0] & { renew: boolean }>(
		`SELECT a.id, a.site_id, a.email, a.name, a.role, a.disabled_at,
		        s.expires_at < now() + make_interval(days => $2 - 1) AS renew
		 FROM sessions s JOIN admins a ON a.id = s.admin_id
		 WHERE s.token_hash = $1 AND s.expires_at > now() AND a.disabled_at IS NULL`,
		[hash, SESSION_DAYS]
	);
	const row = rows[0];
	if (!row) return null;
	if (row.renew)
		await db.query(
			'UPDATE sessions SET expires_at = now() + make_interval(days => $2) WHERE token_hash = $1',
			[hash, SESSION_DAYS]
		);
	return adminOf(row);
}

export async function endSession(db: SqlQueryable, token: string): Promise<void> {
	await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Sign out everywhere. */
export async function endSessionsOf(db: SqlQueryable, adminId: string): Promise<void> {
	await db.query('DELETE FROM sessions WHERE admin_id = $1', [adminId]);
}

import type { SqlQueryable } from '../db/sql';

/**
 * Limits on failed sign-ins over a sliding window, counted in the database so that every server
 * process of the site sees the same failures. Per email, against guessing one admin's password;
 * per address, against trying many emails from one place.
 */
export const THROTTLE = { windowMinutes: 15, perEmail: 10, perAddress: 50 } as const;

export interface RecentFailures {
	byEmail: number;
	byAddress: number;
}

/** Seconds to wait before trying again, or 0 when a sign-in may be tried. */
export function retryAfterSeconds(failures: RecentFailures): number {
	const over = failures.byEmail >= THROTTLE.perEmail || failures.byAddress >= THROTTLE.perAddress;
	return over ? THROTTLE.windowMinutes * 60 : 0;
}

/** Each failure answers more slowly than the last (up to 3 s), which makes guessing slow. */
export const failureDelayMs = (failures: number): number => Math.min(250 * failures, 3_000);

export async function recentFailures(
	db: SqlQueryable,
	email: string,
	address: string
): Promise<RecentFailures> {
	const rows = await db.query<{ by_email: number; by_address: number }>(
		`SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
		        count(*) FILTER (WHERE ip = $2)::int AS by_address
		 FROM login_failures
		 WHERE at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
		[email, address, THROTTLE.windowMinutes]
	);
	return { byEmail: rows[0]?.by_email ?? 0, byAddress: rows[0]?.by_address ?? 0 };
}

export async function recordFailure(db: SqlQueryable, email: string, address: string) {
	await db.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [email, address]);
	// Old failures count for nothing: keep the table small as it is written.
	await db.query("DELETE FROM login_failures WHERE at < now() - interval '1 day'");
}

export async function clearFailures(db: SqlQueryable, email: string) {
	await db.query('DELETE FROM login_failures WHERE email = $1', [email]);
}

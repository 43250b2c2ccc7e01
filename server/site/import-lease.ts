/**
 * The site's import lease on the server (docs/architecture.md, "The site-wide import lock"). It is
 * taken, renewed and released by mutations, inside the transaction that has locked the site, and
 * every other user and card write checks it in that same transaction: no lease can start between
 * a write's check and its write, on any server process.
 */
import {
	LEASE_TTL_MS,
	leaseSummary,
	type LeaseClaim,
	type SiteLease
} from '../../src/lib/domain/site-lease';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { nextVersion, recordChange } from './versions';

interface LeaseRow {
	holder: string;
	activity: SiteLease['activity'];
	admin_id: string | null;
	admin_name: string;
	file_name: string;
	done: number;
	total: number;
	since: number | string;
	expires_at: number | string;
}

const LEASE_COLUMNS =
	'holder, activity, admin_id, admin_name, file_name, done, total, since, expires_at';

const leaseOf = (row: LeaseRow): SiteLease => ({
	holder: row.holder,
	activity: row.activity,
	adminId: row.admin_id,
	adminName: row.admin_name,
	fileName: row.file_name,
	done: row.done,
	total: row.total,
	since: Number(row.since),
	expiresAt: Number(row.expires_at)
});

/** The site's live lease, or null when there is none or it has expired. */
export async function currentLease(
	tx: SqlQueryable,
	siteId: string,
	now: number
): Promise<SiteLease | null> {
	const rows = await tx.query<LeaseRow>(
		`SELECT ${LEASE_COLUMNS} FROM import_leases WHERE site_id = $1 AND expires_at > $2`,
		[siteId, now]
	);
	return rows[0] ? leaseOf(rows[0]) : null;
}

const inProgress = (lease: SiteLease): ApiFailure =>
	new ApiFailure(
		'IMPORT_IN_PROGRESS',
		`${leaseSummary(lease)}. Users and cards can't be created or edited until it finishes: try again then.`,
		{ detail: { lease } }
	);

/**
 * Refuses the write while a live lease is held by anyone but `holder` (the writing run itself).
 * Call it after lockSiteForWrite, in the transaction that would write.
 */
export async function assertSiteFree(
	tx: SqlQueryable,
	siteId: string,
	now: number,
	holder?: string
): Promise<void> {
	const lease = await currentLease(tx, siteId, now);
	if (lease && lease.holder !== holder) throw inProgress(lease);
}

async function announce(tx: SqlQueryable, siteId: string, lease: SiteLease | null): Promise<void> {
	await recordChange(tx, siteId, await nextVersion(tx, siteId), {
		entity: 'lease',
		key: 'import',
		record: lease
	});
}

/**
 * Takes the lease for `claim.holder`, or renews it with the run's progress; refused with
 * IMPORT_IN_PROGRESS, naming the running one, while another holder's lease is live. Every admin
 * hears of it through the feed.
 */
export async function holdLease(
	tx: SqlQueryable,
	admin: Admin,
	claim: LeaseClaim,
	now: number
): Promise<SiteLease> {
	await assertSiteFree(tx, admin.siteId, now, claim.holder);
	const rows = await tx.query<LeaseRow>(
		`INSERT INTO import_leases (site_id, holder, activity, admin_id, admin_name, file_name, done,
		                            total, since, expires_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		 ON CONFLICT (site_id) DO UPDATE SET
		   since = CASE WHEN import_leases.holder = EXCLUDED.holder
		                 AND import_leases.activity = EXCLUDED.activity
		                THEN import_leases.since ELSE EXCLUDED.since END,
		   holder = EXCLUDED.holder, activity = EXCLUDED.activity, admin_id = EXCLUDED.admin_id,
		   admin_name = EXCLUDED.admin_name, file_name = EXCLUDED.file_name, done = EXCLUDED.done,
		   total = EXCLUDED.total, expires_at = EXCLUDED.expires_at
		 RETURNING ${LEASE_COLUMNS}`,
		[
			admin.siteId,
			claim.holder,
			claim.activity,
			admin.id,
			admin.name,
			claim.fileName,
			claim.done,
			claim.total,
			now,
			now + LEASE_TTL_MS
		]
	);
	const row = rows[0];
	if (!row) throw new Error('The lease upsert returned no row');
	const lease = leaseOf(row);
	await announce(tx, admin.siteId, lease);
	return lease;
}

/** Ends `holder`'s lease; releasing a lease it no longer holds (expired, taken over) changes nothing. */
export async function releaseLease(
	tx: SqlQueryable,
	siteId: string,
	holder: string
): Promise<void> {
	const rows = await tx.query<{ holder: string }>(
		'DELETE FROM import_leases WHERE site_id = $1 AND holder = $2 RETURNING holder',
		[siteId, holder]
	);
	if (rows.length > 0) await announce(tx, siteId, null);
}

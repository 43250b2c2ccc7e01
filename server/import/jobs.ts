/**
 * The rows of import jobs that run on the site server (migration 0009; docs/architecture.md,
 * "Imports on the server"): what a job is, and the few statements that claim, renew and end it.
 */
import type { AppError } from '../../src/lib/domain/errors';
import type { ImportCounters, ImportCursor } from '../../src/lib/domain/import-session';
import type { ImportSettings } from '../../src/lib/domain/import-settings';
import type { Mapping } from '../../src/lib/domain/mapping';
import type { ImportJobView, IssuedTally, JobStatus } from '../../src/lib/domain/import-job';
import type { SqlQueryable } from '../db/sql';

export type { JobStatus } from '../../src/lib/domain/import-job';

/** How a job's file is read and judged: what the browser's Configure step chose. */
export interface JobSettings {
	encoding: string;
	bomLength: number;
	delimiter: string;
	settings: ImportSettings;
	mapping: Mapping;
}

export interface ImportJob {
	siteId: string;
	id: string;
	adminId: string | null;
	adminName: string;
	fileName: string;
	uploadId: string;
	settings: JobSettings;
	status: JobStatus;
	cursor: ImportCursor;
	counters: ImportCounters;
	/** The file's data rows, when known (the browser's dry run counted them, or the run ended). */
	totalRows: number | null;
	error: AppError | null;
	/** The process running the job; null when none does. */
	runner: string | null;
	/** When the runner's claim lapses unless renewed. */
	leaseExpiresAt: number | null;
	createdAt: number;
	updatedAt: number;
	finishedAt: number | null;
	/** The last card issuing's tally (docs/architecture.md, "Card issuing on the server"). */
	issued: IssuedTally | null;
}

interface JobRow {
	site_id: string;
	id: string;
	admin_id: string | null;
	admin_name: string;
	file_name: string;
	upload_id: string;
	settings: JobSettings;
	status: JobStatus;
	cursor: ImportCursor;
	counters: ImportCounters;
	total_rows: number | null;
	error: AppError | null;
	runner: string | null;
	lease_expires_at: number | string | null;
	created_at: number | string;
	updated_at: number | string;
	finished_at: number | string | null;
	issued: IssuedTally | null;
}

const JOB_COLUMNS =
	'site_id, id, admin_id, admin_name, file_name, upload_id, settings, status, cursor, counters, total_rows, error, runner, lease_expires_at, created_at, updated_at, finished_at, issued';

const numberOrNull = (value: number | string | null): number | null =>
	value === null ? null : Number(value);

function jobOf(row: JobRow): ImportJob {
	return {
		siteId: row.site_id,
		id: row.id,
		adminId: row.admin_id,
		adminName: row.admin_name,
		fileName: row.file_name,
		uploadId: row.upload_id,
		settings: row.settings,
		status: row.status,
		cursor: row.cursor,
		counters: row.counters,
		totalRows: row.total_rows,
		error: row.error,
		runner: row.runner,
		leaseExpiresAt: numberOrNull(row.lease_expires_at),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		finishedAt: numberOrNull(row.finished_at),
		issued: row.issued
	};
}

export async function insertJob(tx: SqlQueryable, job: ImportJob): Promise<void> {
	await tx.query(
		`INSERT INTO import_jobs (${JOB_COLUMNS})
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		[
			job.siteId,
			job.id,
			job.adminId,
			job.adminName,
			job.fileName,
			job.uploadId,
			JSON.stringify(job.settings),
			job.status,
			JSON.stringify(job.cursor),
			JSON.stringify(job.counters),
			job.totalRows,
			job.error && JSON.stringify(job.error),
			job.runner,
			job.leaseExpiresAt,
			job.createdAt,
			job.updatedAt,
			job.finishedAt,
			job.issued && JSON.stringify(job.issued)
		]
	);
}

export async function getJob(
	sql: SqlQueryable,
	siteId: string,
	id: string
): Promise<ImportJob | undefined> {
	const rows = await sql.query<JobRow>(
		`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE site_id = $1 AND id::text = $2`,
		[siteId, id]
	);
	return rows[0] && jobOf(rows[0]);
}

/** The site's jobs, newest first. */
export async function listJobs(sql: SqlQueryable, siteId: string): Promise<ImportJob[]> {
	const rows = await sql.query<JobRow>(
		`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE site_id = $1 ORDER BY created_at DESC, id`,
		[siteId]
	);
	return rows.map(jobOf);
}

/**
 * Makes `runner` the job's runner with `status`, if nobody else holds a live claim on it (a
 * lapsed claim is taken over). Returns the job as claimed, or undefined.
 */
export async function claimJob(
	tx: SqlQueryable,
	siteId: string,
	id: string,
	claim: { runner: string; status: 'running' | 'undoing' | 'issuing'; now: number; ttl: number },
	from: readonly JobStatus[]
): Promise<ImportJob | undefined> {
	const rows = await tx.query<JobRow>(
		`UPDATE import_jobs SET runner = $3, status = $4, lease_expires_at = $5, updated_at = $6,
		   error = NULL,
		   -- A new card issuing starts its tally afresh; a resumed one goes on from it.
		   issued = CASE WHEN $4 = 'issuing' AND status <> 'issuing' THEN NULL ELSE issued END
		 WHERE site_id = $1 AND id::text = $2
		   AND status IN (SELECT jsonb_array_elements_text($7::jsonb))
		   AND (runner IS NULL OR runner = $3 OR lease_expires_at IS NULL OR lease_expires_at <= $6)
		 RETURNING ${JOB_COLUMNS}`,
		[siteId, id, claim.runner, claim.status, claim.now + claim.ttl, claim.now, JSON.stringify(from)]
	);
	return rows[0] && jobOf(rows[0]);
}

/** Renews `runner`'s claim; false when the job is no longer its to run (taken over, ended). */
export async function renewClaim(
	tx: SqlQueryable,
	siteId: string,
	id: string,
	runner: string,
	expiresAt: number,
	progress?: { cursor: ImportCursor; counters: ImportCounters; now: number }
): Promise<boolean> {
	const rows = await tx.query(
		progress
			? `UPDATE import_jobs SET lease_expires_at = $4, cursor = $5::jsonb, counters = $6::jsonb,
			     updated_at = $7
			   WHERE site_id = $1 AND id::text = $2 AND runner = $3 AND status IN ('running', 'undoing', 'issuing')
			   RETURNING 1`
			: `UPDATE import_jobs SET lease_expires_at = $4
			   WHERE site_id = $1 AND id::text = $2 AND runner = $3 AND status IN ('running', 'undoing', 'issuing')
			   RETURNING 1`,
		progress
			? [
					siteId,
					id,
					runner,
					expiresAt,
					JSON.stringify(progress.cursor),
					JSON.stringify(progress.counters),
					progress.now
				]
			: [siteId, id, runner, expiresAt]
	);
	return rows.length > 0;
}

/** Ends `runner`'s run of the job with `status`; false when it was not the runner. */
export async function endJob(
	tx: SqlQueryable,
	siteId: string,
	id: string,
	runner: string | null,
	end: { status: JobStatus; now: number; totalRows?: number; error?: AppError | null }
): Promise<boolean> {
	const finished = ['finished', 'failed', 'cancelled', 'undone'].includes(end.status);
	const rows = await tx.query(
		`UPDATE import_jobs SET status = $4, runner = NULL, lease_expires_at = NULL, updated_at = $5,
		   finished_at = CASE WHEN $6 AND status <> 'issuing' THEN $5 ELSE finished_at END,
		   total_rows = COALESCE($7, total_rows), error = $8::jsonb
		 WHERE site_id = $1 AND id::text = $2 AND runner IS NOT DISTINCT FROM $3
		 RETURNING 1`,
		[
			siteId,
			id,
			runner,
			end.status,
			end.now,
			finished,
			end.totalRows ?? null,
			end.error ? JSON.stringify(end.error) : null
		]
	);
	return rows.length > 0;
}

/** Jobs of every site whose runner's claim has lapsed (or, with `all`, every job being run). */
export async function orphanedJobs(
	sql: SqlQueryable,
	now: number,
	all: boolean
): Promise<{ siteId: string; id: string; status: JobStatus }[]> {
	const rows = await sql.query<{ site_id: string; id: string; status: JobStatus }>(
		`SELECT site_id, id, status FROM import_jobs
		 WHERE status IN ('running', 'undoing', 'issuing')
		   AND ($2 OR lease_expires_at IS NULL OR lease_expires_at <= $1)
		 ORDER BY created_at`,
		[now, all]
	);
	return rows.map((row) => ({ siteId: row.site_id, id: row.id, status: row.status }));
}

/** The running job of the site, if any (a second import is refused naming it). */
export async function runningJob(
	sql: SqlQueryable,
	siteId: string
): Promise<ImportJob | undefined> {
	const rows = await sql.query<JobRow>(
		`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE site_id = $1 AND status IN ('running', 'undoing', 'issuing')
		 ORDER BY created_at DESC LIMIT 1`,
		[siteId]
	);
	return rows[0] && jobOf(rows[0]);
}

/** A job as the screens show it, and the feed carries it. */
export function jobView(job: ImportJob): ImportJobView {
	return {
		id: job.id,
		status: job.status,
		fileName: job.fileName,
		adminName: job.adminName,
		counters: job.counters,
		settings: job.settings.settings,
		mapping: job.settings.mapping,
		done: job.cursor.rows,
		total: job.totalRows,
		error: job.error,
		createdAt: job.createdAt,
		updatedAt: job.updatedAt,
		finishedAt: job.finishedAt,
		issued: job.issued
	};
}

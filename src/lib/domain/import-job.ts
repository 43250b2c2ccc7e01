/**
 * An import job of the site server as every admin's browser sees it (docs/architecture.md,
 * "Imports on the server"): what `GET /api/imports/:id` answers and the feed carries as its
 * `import` entity, so each replica holds the site's jobs and every admin's Import users shows
 * them, their end and their results until someone clicks Complete.
 */
import type { AppError } from './errors';
import type { ImportCounters } from './import-session';

export const JOB_STATUSES = [
	'running',
	'interrupted',
	'finished',
	'failed',
	'cancelled',
	'undoing',
	'undone'
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The statuses in which a job holds the site's lease: its runner works on it. */
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['running', 'undoing'];

export interface ImportJobView {
	id: string;
	status: JobStatus;
	fileName: string;
	adminName: string;
	counters: ImportCounters;
	/** Data rows committed so far. */
	done: number;
	/** The file's data rows, when known. */
	total: number | null;
	error: AppError | null;
	createdAt: number;
	/** The server's time of the job's last change: the replica keeps the newest. */
	updatedAt: number;
	finishedAt: number | null;
}

/**
 * An import job of the site server as every admin's browser sees it (docs/architecture.md,
 * "Imports on the server"): what `GET /api/imports/:id` answers and the feed carries as its
 * `import` entity, so each replica holds the site's jobs and every admin's Import users shows
 * them, their end and their results until someone clicks Complete.
 */
import type { AppError } from './errors';
import type { ImportCounters } from './import-session';
import { locks, transition, type LifecycleState } from './import-lifecycle';

export const JOB_STATUSES = [
	'running',
	'interrupted',
	'finished',
	'failed',
	'cancelled',
	'undoing',
	'undone',
	/** A finished job's registered cards are being issued (docs/architecture.md, "Card issuing on the server"). */
	'issuing'
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The statuses in which a job holds the site's lease: its runner works on it. */
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['running', 'undoing', 'issuing'];

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
	/** What the last card issuing of the job's users did (so far, while `issuing`); null before. */
	issued: IssuedTally | null;
}

/** The card issuing of a job's users, as it goes: the users handled and what became of their cards. */
export interface IssuedTally {
	users: number;
	/** Registered cards issued. */
	cards: number;
	alreadyIssued: number;
	revoked: number;
	/** Users with no card at all. */
	withoutCard: number;
}

/** A job's status as the browser's import lifecycle (domain/import-lifecycle.ts) sees a session. */
const LIFECYCLE_OF: Record<JobStatus, LifecycleState> = {
	running: { status: 'running' },
	interrupted: { status: 'interrupted' },
	finished: { status: 'done' },
	failed: { status: 'interrupted' },
	cancelled: { status: 'cancelled' },
	undoing: { status: 'undoing' },
	undone: { status: 'cancelled', undone: true },
	issuing: { status: 'issuing' }
};

/**
 * Why a job's cards cannot be issued now, by the browser's lifecycle rules (only a finished
 * import, or an issuing one to resume, and never once undone); null when they can. `busy` means
 * the job itself is running something.
 */
export function issueRefusal(status: JobStatus): { message: string; busy: boolean } | null {
	const state = LIFECYCLE_OF[status];
	const next = transition(state, 'issue-start');
	if (next.ok) return null;
	return {
		message: next.errors[0]?.message ?? 'The cards of this import cannot be issued now.',
		busy: locks(state.status) && status !== 'issuing'
	};
}

/**
 * An import job of the site server as every admin's browser sees it (docs/architecture.md,
 * "Imports on the server"): what `GET /api/imports/:id` answers and the feed carries as its
 * `import` entity, so each replica holds the site's jobs and every admin's Import users shows
 * them, their end and their results until someone clicks Complete.
 */
import type { AppError } from './errors';
import { locks, transition, type LifecycleState, type SessionStatus } from './import-lifecycle';
import type { ImportCounters, ImportSession } from './import-session';
import type { ImportSettings } from './import-settings';
import type { Mapping } from './mapping';
import type { SessionId } from './model';

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
	/** What the importing admin's Configure chose. */
	settings: ImportSettings;
	mapping: Mapping;
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
const lifecycleOf = (status: JobStatus): LifecycleState => ({
	status: SESSION_STATUS_OF[status],
	...(status === 'undone' ? { undone: true } : {})
});

/**
 * Why a job's cards cannot be issued now, by the browser's lifecycle rules (only a finished
 * import, or an issuing one to resume, and never once undone); null when they can. `busy` means
 * the job itself is running something.
 */
export function issueRefusal(status: JobStatus): { message: string; busy: boolean } | null {
	const state = lifecycleOf(status);
	const next = transition(state, 'issue-start');
	if (next.ok) return null;
	return {
		message: next.errors[0]?.message ?? 'The cards of this import cannot be issued now.',
		busy: locks(state.status) && status !== 'issuing'
	};
}

/** Where each job status puts the wizard: the browser's session statuses (import-lifecycle.ts). */
const SESSION_STATUS_OF: Record<JobStatus, SessionStatus> = {
	running: 'running',
	undoing: 'undoing',
	interrupted: 'interrupted',
	// A run that ended on an error kept what it committed, as an interrupted one does.
	failed: 'interrupted',
	cancelled: 'cancelled',
	finished: 'done',
	undone: 'done',
	issuing: 'issuing'
};

/**
 * A server job as the wizard's screens read an import session, so that Import Users and See
 * Results show a job of the site exactly as they show a run of this browser. Only what the job
 * knows is filled in: it has no file here (size, encoding, header are the server's).
 */
export function sessionOfJob(job: ImportJobView): ImportSession {
	return {
		id: job.id as SessionId,
		status: SESSION_STATUS_OF[job.status],
		step: 'results',
		fileName: job.fileName,
		fileSize: 0,
		encoding: 'utf-8',
		bomLength: 0,
		validUtf8: true,
		encodingCandidates: [],
		delimiter: ',',
		settings: job.settings,
		mapping: job.mapping,
		header: [],
		cursor: { rows: job.done, bytes: 0, chunks: 0 },
		counters: job.counters,
		...(job.total === null ? {} : { totalRows: job.total }),
		createdAt: job.createdAt,
		updatedAt: job.updatedAt,
		...(job.finishedAt === null ? {} : { finishedAt: job.finishedAt }),
		...(job.error ? { error: job.error } : {}),
		...(job.status === 'undone' ? { undone: true } : {})
	};
}

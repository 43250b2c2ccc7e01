/**
 * The import session's lifecycle, in one place: its statuses, which events may move it from one
 * to the next, which statuses lock users and cards, how each one resumes, and what a worker that
 * died (tab closed, browser killed) leaves behind. The repositories apply these transitions; the
 * supervisor asks `afterWorkerDied` what to do; the screens derive their view from the status.
 */
import { appError, type AppError } from './errors';
import { fail, ok, type Result } from './result';

export const SESSION_STATUSES = [
	'configuring',
	'running',
	'undoing',
	'issuing',
	/** Failed rows fixed in See Results are being imported into this finished session. */
	'fixing',
	'done',
	'cancelled',
	'interrupted'
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The status a session starts in when a file is opened. */
export const INITIAL_STATUS: SessionStatus = 'configuring';

export const LIFECYCLE_EVENTS = [
	/** A new file is opened while this session exists (it replaces a session being configured). */
	'open',
	/** Configure changes encoding, delimiter, settings or mapping. */
	'configure',
	/** The run starts, or resumes from its cursor. */
	'start',
	/** The run read the whole file. */
	'finish',
	/** The run stopped at the admin's request. */
	'cancel',
	/** The run, or the issuing of cards, stopped on an error. */
	'fail',
	/** The admin keeps what a cancelled or interrupted run imported. */
	'keep',
	'undo-start',
	'undo-finish',
	'issue-start',
	'issue-finish',
	/** Import fixed rows: the failed rows the admin fixed in See Results go into the same session. */
	'fix-start',
	'fix-finish',
	/** Complete (or Choose another file): the session and its results are deleted. */
	'complete'
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** Where an event leads: a status, or `gone` when the session and its data are deleted. */
export type Destination = SessionStatus | 'gone';

/** The facts of a session the lifecycle decides on. */
export interface LifecycleState {
	status: SessionStatus;
	/** Set once Undo has replayed the journal: nothing of the import remains to act on. */
	undone?: boolean;
}

/**
 * The allowed transitions. A locking status accepts its own start event again: that is the
 * resume by whoever holds the import lock (the engine takes the Web Lock before it asks).
 */
const TRANSITIONS: Record<SessionStatus, Partial<Record<LifecycleEvent, Destination>>> = {
	configuring: { open: 'gone', configure: 'configuring', start: 'running', complete: 'gone' },
	running: { start: 'running', finish: 'done', cancel: 'cancelled', fail: 'interrupted' },
	undoing: { 'undo-start': 'undoing', 'undo-finish': 'cancelled' },
	issuing: { 'issue-start': 'issuing', 'issue-finish': 'done', fail: 'done' },
	fixing: { 'fix-start': 'fixing', 'fix-finish': 'done', fail: 'done' },
	done: {
		'undo-start': 'undoing',
		'issue-start': 'issuing',
		'fix-start': 'fixing',
		complete: 'gone'
	},
	cancelled: { keep: 'done', 'undo-start': 'undoing', complete: 'gone' },
	interrupted: { start: 'running', keep: 'done', 'undo-start': 'undoing', complete: 'gone' }
};

/** After an undo only Complete is left: there is nothing to keep, undo or issue. */
const AFTER_UNDO: Partial<Record<LifecycleEvent, Destination>> = { complete: 'gone' };

/** While a session has one of these statuses, users and cards are read-only (the guard). */
export const LOCKING_STATUSES: readonly SessionStatus[] = [
	'running',
	'undoing',
	'issuing',
	'fixing'
];

export function locks(status: SessionStatus): boolean {
	return LOCKING_STATUSES.includes(status);
}

/** What the admin is told when `event` is not possible in `state`. */
function refusalMessage(state: LifecycleState, event: LifecycleEvent): string {
	if (state.undone) {
		return 'This import has been undone: nothing of it is left to act on. Click Complete to close it.';
	}
	if (event === 'open') {
		return state.status === 'running'
			? 'An import is running. Wait for it to finish before opening another file.'
			: 'The results of the last import are still open. Download what you need and click Complete first.';
	}
	if (event === 'configure') return 'This import has already started; its settings are fixed.';
	if (locks(state.status)) {
		return `This import is ${state.status} right now; wait for it to finish.`;
	}
	switch (event) {
		case 'start':
			return `This import is ${state.status}; it cannot run again.`;
		case 'keep':
			return `This import is ${state.status}; there is nothing to keep.`;
		case 'issue-start':
			return 'Cards can be issued once the import has finished.';
		case 'fix-start':
			return 'Fixed rows can be imported once the import has finished.';
		case 'undo-start':
			return 'This import has not run yet: there is nothing to undo.';
		default:
			return `This import is ${state.status}; that step does not apply to it.`;
	}
}

/** Where `event` takes a session in `state`, or a SESSION_STATE refusal saying why not. */
export function transition(
	state: LifecycleState,
	event: LifecycleEvent
): Result<Destination, AppError> {
	const table = state.undone ? AFTER_UNDO : TRANSITIONS[state.status];
	const next = table[event];
	if (next !== undefined) return ok(next);
	return fail(
		appError('SESSION_STATE', refusalMessage(state, event), { status: state.status, event })
	);
}

/** The events the supervisor sends to take up the work of a dead worker. */
export type SupervisorEvent = 'start' | 'undo-start' | 'issue-start' | 'fix-start';

/** How a session in each status goes on: by itself (after a dead worker), or when the admin asks. */
export type Resume =
	{ by: 'nobody' } | { by: 'supervisor'; event: SupervisorEvent } | { by: 'admin'; event: 'start' };

const RESUMES: Record<SessionStatus, Resume> = {
	configuring: { by: 'nobody' },
	running: { by: 'supervisor', event: 'start' },
	undoing: { by: 'supervisor', event: 'undo-start' },
	issuing: { by: 'supervisor', event: 'issue-start' },
	fixing: { by: 'supervisor', event: 'fix-start' },
	done: { by: 'nobody' },
	cancelled: { by: 'nobody' },
	// Resume import is the admin's choice: the run stopped on an error they should see first.
	interrupted: { by: 'admin', event: 'start' }
};

export function resumeOf(status: SessionStatus): Resume {
	return RESUMES[status];
}

/** What a worker that died in a status leaves behind, and what the next start does about it. */
export interface DeadWorkerOutcome {
	/** The status the row still says: a dead worker writes nothing, so it is the same. */
	left: SessionStatus;
	/** True when the row still holds the guard: nobody can edit until the recovery runs. */
	locked: boolean;
	/** The event the supervisor sends to take the work up again; null when there is nothing to do. */
	resume: SupervisorEvent | null;
	/** What is in the database meanwhile. */
	leftBehind: string;
}

const LEFT_BEHIND: Record<SessionStatus, string> = {
	configuring: 'nothing: Configure and the dry run only read',
	running: 'the chunks committed up to the cursor; the run goes on from there',
	undoing: 'part of the journal replayed; replaying it again is safe and finishes the undo',
	// Issuing only turns registered cards into issued ones, so doing it again is harmless and
	// finishes what the admin asked for; the session then returns to done.
	issuing: 'some of the cards issued; issuing again issues the rest',
	// Each chunk of fixed rows commits whole (users, cards, results, journal, counters), and the
	// edits live in the page that sent them: the recovery ends the run, and the rows of a chunk
	// that did not commit are still in the grid as failed, to be imported again.
	fixing: 'the chunks of fixed rows committed; the others are still failed rows',
	done: 'nothing: the import had ended',
	cancelled: 'nothing: the import had ended',
	interrupted: 'the chunks committed up to the cursor; the admin resumes, keeps or undoes them'
};

export function afterWorkerDied(status: SessionStatus): DeadWorkerOutcome {
	const resume = RESUMES[status];
	return {
		left: status,
		locked: locks(status),
		resume: resume.by === 'supervisor' ? resume.event : null,
		leftBehind: LEFT_BEHIND[status]
	};
}

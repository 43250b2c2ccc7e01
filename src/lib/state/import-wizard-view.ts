/**
 * Which screen of the import wizard a tab shows: a pure function of the session row and the few
 * facts only this tab knows. The step is never stored in memory, so a reload, another tab or the
 * `Import users` link always lands where the session is.
 */
import { sessionOfJob, type ImportJobView } from '$lib/domain/import-job';
import type { ImportSession } from '$lib/domain/import-session';
import type { SessionId } from '$lib/domain/model';
import type { UndoTally } from '$lib/domain/undo-plan';

/** The steps of the stepper, in order, with the brief's names. */
export const WIZARD_STEPS = [
	{ key: 'upload', label: 'Upload CSV File' },
	{ key: 'configure', label: 'Configure Data' },
	{ key: 'import', label: 'Import Users' },
	{ key: 'results', label: 'See Results' },
	{ key: 'continue', label: 'Continue Task' }
] as const;
export type StepKey = (typeof WIZARD_STEPS)[number]['key'];

/** Where the admin is: one case per screen, each with what that screen needs. */
export type WizardView =
	| { step: 'loading' }
	| { step: 'upload'; reading: FileBeingRead | null }
	| { step: 'configure'; session: ImportSession }
	| { step: 'import'; session: ImportSession; phase: ImportPhase; job?: ImportJobView }
	| { step: 'results'; session: ImportSession; job?: ImportJobView };

/** What the Import step shows: the run, its undo, or the choice after a stopped run. */
export type ImportPhase = 'running' | 'undoing' | 'cancelled' | 'interrupted';

export interface FileBeingRead {
	fileName: string;
	fileSize: number;
}

/** What only this tab knows, and a reload may lose without harm. */
export interface TabFacts {
	/** The file this tab is opening: Upload shows it being read. */
	reading: FileBeingRead | null;
	/** The session whose run this tab drives right now. */
	runningHere: SessionId | null;
	/**
	 * A run of this tab that stopped on an error it could not record (a disk with no room at all):
	 * the row still says running, this says why it stopped.
	 */
	unrecordedStop: ImportSession | null;
	/** The session this tab cancelled, until the admin chose to keep or undo what it imported. */
	cancelledHere: SessionId | null;
}

export const NO_TAB_FACTS: TabFacts = {
	reading: null,
	runningHere: null,
	unrecordedStop: null,
	cancelledHere: null
};

/**
 * The screen for this browser's `session` and the site's `job` on the server (undefined: there
 * is none; `loaded` false: the database has not answered yet). A session of this browser that
 * has run (from before imports ran on the server) comes first; then the site's job, for every
 * admin until someone completes it; then the file this browser is configuring.
 */
export function wizardView(
	loaded: boolean,
	session: ImportSession | undefined,
	facts: TabFacts,
	job?: ImportJobView
): WizardView {
	if (!loaded) return { step: 'loading' };
	if (facts.reading) return { step: 'upload', reading: facts.reading };
	if (job && (!session || session.status === 'configuring')) {
		const view = sessionView(sessionOfJob(job), facts);
		return view.step === 'import' || view.step === 'results' ? { ...view, job } : view;
	}
	if (!session) return { step: 'upload', reading: null };
	return sessionView(session, facts);
}

function sessionView(session: ImportSession, facts: TabFacts): WizardView {
	switch (session.status) {
		case 'configuring':
			return { step: 'configure', session };
		case 'running':
			return facts.unrecordedStop?.id === session.id && facts.runningHere !== session.id
				? { step: 'import', session: facts.unrecordedStop, phase: 'interrupted' }
				: { step: 'import', session, phase: 'running' };
		case 'undoing':
			return { step: 'import', session, phase: 'undoing' };
		case 'interrupted':
			return { step: 'import', session, phase: 'interrupted' };
		case 'cancelled':
			// Right after Cancel, the admin chooses to keep or undo; after a reload (or in another
			// tab), Results offers the same choice (Undo import), so the question is not asked twice.
			return facts.cancelledHere === session.id && !session.undone
				? { step: 'import', session, phase: 'cancelled' }
				: { step: 'results', session };
		case 'done':
		case 'issuing':
		case 'fixing':
			// Issuing cards is a Continue Task of the results screen, and the fixed rows are
			// imported from it: neither is a step of its own.
			return { step: 'results', session };
	}
}

/** The step the stepper marks as current. */
export function currentStepOf(view: WizardView): StepKey | null {
	if (view.step === 'loading') return null;
	if (view.step === 'results' && view.session.step === 'continue') return 'continue';
	return view.step;
}

/** What the results screen offers for a session: after an undo, only Complete. */
export interface ResultsOffers {
	/** Succeeded / Failed and their downloads: the results of the run. */
	results: boolean;
	undo: boolean;
	/** Continue Task (Issue cards, Attach images). */
	continueTask: boolean;
}

export function resultsOffers(session: ImportSession, onServer = false): ResultsOffers {
	const left = !session.undone;
	// Continue Task works on this browser's session: a server job's is not offered yet.
	return { results: left, undo: left, continueTask: left && !onServer };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/** What an undo did, e.g. "Undone: 35,000 users and 34,000 cards removed; 12 users restored". */
export function undoneSummary(tally: UndoTally | undefined): string {
	const t = tally ?? { usersRemoved: 0, cardsRemoved: 0, usersRestored: 0, cardsRestored: 0 };
	const removed = `Undone: ${plural(t.usersRemoved, 'user')} and ${plural(t.cardsRemoved, 'card')} removed`;
	if (t.usersRestored === 0 && t.cardsRestored === 0) return removed;
	return `${removed}; ${plural(t.usersRestored, 'user')} and ${plural(t.cardsRestored, 'card')} restored as they were`;
}

import { describe, expect, it } from 'vitest';
import { sessionRow } from '$lib/db/testing/test-db';
import { undoProgress, type ImportSession } from '$lib/domain/import-session';
import { SESSION_STATUSES, type SessionStatus } from '$lib/domain/import-lifecycle';
import type { SessionId } from '$lib/domain/model';
import { JOB_STATUSES, type ImportJobView, type JobStatus } from '$lib/domain/import-job';
import {
	currentStepOf,
	NO_TAB_FACTS,
	resultsOffers,
	undoneSummary,
	wizardView,
	type TabFacts
} from './import-wizard-view';

const row = (status: SessionStatus, patch: Partial<ImportSession> = {}) =>
	sessionRow('s1', { status, ...patch });
const s1 = 's1' as SessionId;
const facts = (patch: Partial<TabFacts>): TabFacts => ({ ...NO_TAB_FACTS, ...patch });

describe('wizardView', () => {
	it('waits for the database, then shows Upload when there is no session', () => {
		expect(wizardView(false, undefined, NO_TAB_FACTS)).toEqual({ step: 'loading' });
		expect(wizardView(true, undefined, NO_TAB_FACTS)).toEqual({ step: 'upload', reading: null });
	});

	it('shows Upload while this tab reads a new file, whatever the session', () => {
		const reading = { fileName: 'next.csv', fileSize: 10 };
		expect(wizardView(true, row('configuring'), facts({ reading }))).toEqual({
			step: 'upload',
			reading
		});
	});

	it('follows the status alone when the tab knows nothing more', () => {
		const expected: Record<SessionStatus, [string, string?]> = {
			configuring: ['configure'],
			running: ['import', 'running'],
			undoing: ['import', 'undoing'],
			issuing: ['results'],
			fixing: ['results'],
			done: ['results'],
			cancelled: ['results'],
			interrupted: ['import', 'interrupted']
		};
		for (const status of SESSION_STATUSES) {
			const view = wizardView(true, row(status), NO_TAB_FACTS);
			const [step, phase] = expected[status];
			expect(view.step, status).toBe(step);
			if (phase) expect(view, status).toMatchObject({ phase });
		}
	});

	it('asks keep-or-undo only in the tab that cancelled, and not after an undo', () => {
		const cancelled = row('cancelled');
		expect(wizardView(true, cancelled, facts({ cancelledHere: s1 }))).toMatchObject({
			step: 'import',
			phase: 'cancelled'
		});
		expect(wizardView(true, cancelled, facts({ cancelledHere: 'other' as SessionId })).step).toBe(
			'results'
		);
		const undone = row('cancelled', { undone: true });
		expect(wizardView(true, undone, facts({ cancelledHere: s1 })).step).toBe('results');
	});

	it('shows the stop this tab could not record, unless it runs the session again', () => {
		const stop = row('interrupted', { error: { code: 'STORAGE_FULL', message: 'Full.' } });
		const running = row('running');
		expect(wizardView(true, running, facts({ unrecordedStop: stop }))).toEqual({
			step: 'import',
			session: stop,
			phase: 'interrupted'
		});
		expect(
			wizardView(true, running, facts({ unrecordedStop: stop, runningHere: s1 }))
		).toMatchObject({ session: running, phase: 'running' });
		const otherStop = { ...stop, id: 'old' as SessionId };
		expect(wizardView(true, running, facts({ unrecordedStop: otherStop }))).toMatchObject({
			session: running,
			phase: 'running'
		});
	});
});

describe('currentStepOf', () => {
	it('marks Continue Task when the admin works there, else the view’s step', () => {
		expect(currentStepOf({ step: 'loading' })).toBeNull();
		expect(currentStepOf({ step: 'upload', reading: null })).toBe('upload');
		expect(currentStepOf({ step: 'results', session: row('done') })).toBe('results');
		expect(currentStepOf({ step: 'results', session: row('done', { step: 'continue' }) })).toBe(
			'continue'
		);
	});
});

describe('the view of an undo', () => {
	const tally = {
		chunks: 3,
		usersRemoved: 35_000,
		usersRestored: 0,
		cardsRemoved: 34_990,
		cardsRestored: 0
	};

	it('shows the undo with its own progress, not the run', () => {
		const undoing = row('undoing', {
			cursor: { rows: 35_000, bytes: 900_000, chunks: 70 },
			undoTally: tally
		});
		expect(wizardView(true, undoing, NO_TAB_FACTS)).toMatchObject({ phase: 'undoing' });
		expect(undoProgress(undoing)).toEqual({ done: 3, total: 70 });
	});

	it('ends on what was undone, offering only Complete', () => {
		const undone = row('cancelled', { undone: true, step: 'results', undoTally: tally });
		expect(wizardView(true, undone, facts({ cancelledHere: s1 }))).toMatchObject({
			step: 'results'
		});
		expect(resultsOffers(undone)).toEqual({ results: false, undo: false, continueTask: false });
		expect(resultsOffers(row('done'))).toEqual({ results: true, undo: true, continueTask: true });
		expect(undoneSummary(tally)).toBe('Undone: 35,000 users and 34,990 cards removed');
		expect(undoneSummary({ ...tally, usersRestored: 1, cardsRestored: 2 })).toBe(
			'Undone: 35,000 users and 34,990 cards removed; 1 user and 2 cards restored as they were'
		);
	});
});

describe('the view of the site’s import job on the server', () => {
	const job = (status: JobStatus, patch: Partial<ImportJobView> = {}): ImportJobView => ({
		id: 'j1',
		status,
		fileName: 'staff.csv',
		adminName: 'Ada Admin',
		counters: { created: 3, updated: 0, kept: 0, failed: 1, skipped: 0 },
		settings: row('configuring').settings,
		mapping: row('configuring').mapping,
		done: 4,
		total: 10,
		error: null,
		createdAt: 1,
		updatedAt: 2,
		finishedAt: null,
		issued: null,
		...patch
	});

	it('follows the job’s status, with the job, for every admin', () => {
		const expected: Record<JobStatus, [string, string?]> = {
			running: ['import', 'running'],
			undoing: ['import', 'undoing'],
			interrupted: ['import', 'interrupted'],
			failed: ['import', 'interrupted'],
			cancelled: ['results'],
			finished: ['results'],
			issuing: ['results'],
			undone: ['results']
		};
		for (const status of JOB_STATUSES) {
			const view = wizardView(true, undefined, NO_TAB_FACTS, job(status));
			const phase = 'phase' in view ? view.phase : undefined;
			expect([view.step, phase].filter(Boolean), status).toEqual(expected[status]);
			expect('job' in view && view.job?.id, status).toBe('j1');
		}
		const shown = wizardView(true, undefined, NO_TAB_FACTS, job('running'));
		expect('session' in shown && shown.session).toMatchObject({
			id: 'j1',
			fileName: 'staff.csv',
			cursor: { rows: 4 },
			totalRows: 10
		});
	});

	it('comes before a file this browser configures, not before a run of this browser', () => {
		expect(wizardView(true, row('configuring'), NO_TAB_FACTS, job('finished')).step).toBe(
			'results'
		);
		const local = wizardView(true, row('running'), NO_TAB_FACTS, job('finished'));
		expect(local.step === 'import' && local.session.id).toBe(s1);
		expect(wizardView(true, row('configuring'), NO_TAB_FACTS, undefined).step).toBe('configure');
	});

	it('offers no Continue Task for a job yet, and marks an undone one', () => {
		const view = wizardView(true, undefined, NO_TAB_FACTS, job('undone'));
		expect(view.step === 'results' && view.session.undone).toBe(true);
		const finished = wizardView(true, undefined, NO_TAB_FACTS, job('finished'));
		if (finished.step !== 'results') throw new Error('expected results');
		expect(resultsOffers(finished.session, true)).toEqual({
			results: true,
			undo: true,
			continueTask: false
		});
	});
});

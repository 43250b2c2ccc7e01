import { describe, expect, it } from 'vitest';
import {
	afterWorkerDied,
	LIFECYCLE_EVENTS,
	locks,
	resumeOf,
	SESSION_STATUSES,
	transition,
	type Destination,
	type LifecycleEvent,
	type SessionStatus,
	type SupervisorEvent
} from './import-lifecycle';

/** The whole table, written out: a cell left out is a refused event. */
const EXPECTED: Record<SessionStatus, Partial<Record<LifecycleEvent, Destination>>> = {
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

describe('transition: every status × every event', () => {
	for (const status of SESSION_STATUSES) {
		for (const event of LIFECYCLE_EVENTS) {
			const expected = EXPECTED[status][event];
			it(`${status} + ${event} → ${expected ?? 'refused'}`, () => {
				const result = transition({ status }, event);
				if (expected === undefined) {
					expect(result.ok).toBe(false);
					if (!result.ok) {
						expect(result.errors[0]).toMatchObject({
							code: 'SESSION_STATE',
							detail: { status, event }
						});
						expect(result.errors[0]?.message).not.toBe('');
					}
				} else {
					expect(result).toEqual({ ok: true, value: expected });
				}
			});
		}
	}

	it('after an undo, only Complete is left', () => {
		for (const event of LIFECYCLE_EVENTS) {
			const result = transition({ status: 'cancelled', undone: true }, event);
			expect(result.ok, event).toBe(event === 'complete');
		}
		const refused = transition({ status: 'cancelled', undone: true }, 'undo-start');
		expect(!refused.ok && refused.errors[0]?.message).toMatch(/has been undone/);
	});

	it('says why in the words the screens showed before', () => {
		const message = (status: SessionStatus, event: LifecycleEvent) => {
			const result = transition({ status }, event);
			return result.ok ? '' : (result.errors[0]?.message ?? '');
		};
		expect(message('done', 'start')).toMatch(/it cannot run again/);
		expect(message('done', 'keep')).toMatch(/nothing to keep/);
		expect(message('cancelled', 'issue-start')).toMatch(/once the import has finished/);
		expect(message('running', 'configure')).toMatch(/settings are fixed/);
		expect(message('running', 'open')).toMatch(/is running/);
		expect(message('done', 'open')).toMatch(/click Complete first/);
		expect(message('issuing', 'complete')).toMatch(/issuing right now/);
		expect(message('cancelled', 'fix-start')).toMatch(/once the import has finished/);
		expect(message('fixing', 'undo-start')).toMatch(/fixing right now/);
	});
});

describe('locking statuses', () => {
	it('lock exactly while the engine writes: running, undoing, issuing, fixing', () => {
		expect(SESSION_STATUSES.filter(locks)).toEqual(['running', 'undoing', 'issuing', 'fixing']);
	});

	it('can never be completed or reopened while they lock', () => {
		for (const status of SESSION_STATUSES.filter(locks)) {
			expect(transition({ status }, 'complete').ok).toBe(false);
			expect(transition({ status }, 'open').ok).toBe(false);
		}
	});
});

describe('resume', () => {
	it('the supervisor resumes every locking status, the admin an interrupted run', () => {
		expect(SESSION_STATUSES.map((status) => [status, resumeOf(status)])).toEqual([
			['configuring', { by: 'nobody' }],
			['running', { by: 'supervisor', event: 'start' }],
			['undoing', { by: 'supervisor', event: 'undo-start' }],
			['issuing', { by: 'supervisor', event: 'issue-start' }],
			['fixing', { by: 'supervisor', event: 'fix-start' }],
			['done', { by: 'nobody' }],
			['cancelled', { by: 'nobody' }],
			['interrupted', { by: 'admin', event: 'start' }]
		]);
	});

	it('every resume is an allowed transition from its status', () => {
		for (const status of SESSION_STATUSES) {
			const resume = resumeOf(status);
			if (resume.by !== 'nobody') expect(transition({ status }, resume.event).ok).toBe(true);
		}
	});
});

describe('the worker died here', () => {
	const EXPECTED_DEATH: Record<SessionStatus, SupervisorEvent | null> = {
		configuring: null,
		running: 'start',
		undoing: 'undo-start',
		issuing: 'issue-start',
		fixing: 'fix-start',
		done: null,
		cancelled: null,
		interrupted: null
	};

	for (const status of SESSION_STATUSES) {
		it(`in ${status}: ${EXPECTED_DEATH[status] ?? 'nothing to recover'}`, () => {
			const outcome = afterWorkerDied(status);
			expect(outcome.left).toBe(status);
			expect(outcome.locked).toBe(locks(status));
			expect(outcome.resume).toBe(EXPECTED_DEATH[status]);
			expect(outcome.leftBehind).not.toBe('');
		});
	}

	it('leaves no status locked for good: each locked one has a recovery that unlocks it', () => {
		// The recovery re-enters its status, then its ending event leaves the lock.
		const ending: Record<string, LifecycleEvent> = {
			start: 'finish',
			'undo-start': 'undo-finish',
			'issue-start': 'issue-finish',
			'fix-start': 'fix-finish'
		};
		for (const status of SESSION_STATUSES) {
			const { locked, resume } = afterWorkerDied(status);
			if (!locked) {
				expect(resume).toBeNull();
				continue;
			}
			expect(resume).not.toBeNull();
			const resumed = transition({ status }, resume ?? 'start');
			expect(resumed).toEqual({ ok: true, value: status });
			const ended = transition({ status }, ending[resume ?? 'start'] ?? 'finish');
			expect(ended.ok && ended.value !== 'gone' && !locks(ended.value)).toBe(true);
		}
	});
});

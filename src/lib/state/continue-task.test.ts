import { describe, expect, it } from 'vitest';
import type { ImportSession } from '$lib/domain/import-session';
import type { SessionId } from '$lib/domain/model';
import { taskBlocker } from './continue-task.svelte';

const session = (patch: Partial<ImportSession>): ImportSession =>
	({
		id: 's1' as SessionId,
		status: 'done',
		step: 'results',
		fileName: 'team.csv',
		...patch
	}) as ImportSession;

describe('taskBlocker', () => {
	it('lets a finished import run both tasks', () => {
		expect(taskBlocker(session({}), undefined, 'images')).toBeNull();
		expect(taskBlocker(session({}), undefined, 'cards')).toBeNull();
	});

	it('waits for whatever holds the guard, saying what it is', () => {
		const other = session({ id: 's2' as SessionId, status: 'running', fileName: 'big.csv' });
		expect(taskBlocker(session({}), other, 'cards')).toMatch(/Import in progress \(big\.csv\)/);
		expect(taskBlocker(session({}), other, 'images')).toMatch(/Import in progress/);
		const issuing = session({ status: 'issuing' });
		expect(taskBlocker(issuing, issuing, 'cards')).toMatch(/Cards are being issued/);
		expect(taskBlocker(issuing, issuing, 'images')).toMatch(/once that finishes/);
	});

	it('issues cards only once the import has finished, and nothing after an undo', () => {
		expect(taskBlocker(session({ status: 'cancelled' }), undefined, 'cards')).toMatch(/finished/);
		expect(taskBlocker(session({ status: 'cancelled' }), undefined, 'images')).toBeNull();
		expect(taskBlocker(session({ undone: true }), undefined, 'images')).toMatch(/Undo removed/);
	});
});

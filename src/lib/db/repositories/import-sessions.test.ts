import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '../database';
import { sessionRow, testDatabase } from '../testing/test-db';
import type { SessionId } from '$lib/domain/model';
import type { SiteLease } from '$lib/domain/site-lease';
import { SITE_LEASE_KEY } from '../guard';
import { applyTransition, completeSession, openSession } from './import-sessions';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const s1 = 's1' as SessionId;
const s2 = 's2' as SessionId;

describe('the site’s lease follows the guard', () => {
	const sent = async () =>
		(await db.outbox.orderBy('createdAt').toArray()).map(({ mutation }) => mutation);
	const otherAdminsLease: SiteLease = {
		holder: 'their-run',
		activity: 'import',
		fileName: 'staff.csv',
		done: 1_000,
		total: 40_000,
		adminId: null,
		adminName: 'Ben Admin',
		since: 0,
		expiresAt: 60_000
	};

	it('a run takes it when it starts and releases it when it ends, behind its chunks', async () => {
		await db.importSessions.add(sessionRow('s1', { fileName: 'people.csv', totalRows: 500 }));
		await applyTransition(db, s1, 'start', 10);
		await applyTransition(db, s1, 'finish', 20);
		expect(await sent()).toMatchObject([
			{
				type: 'lease.take',
				lease: { holder: 's1', activity: 'import', fileName: 'people.csv', done: 0, total: 500 }
			},
			{ type: 'lease.release', holder: 's1' }
		]);
	});

	it('refuses to start while another admin’s run holds the site, naming it, and queues nothing', async () => {
		await db.settings.put({ key: SITE_LEASE_KEY, value: otherAdminsLease, updatedAt: 0 });
		await db.importSessions.add(sessionRow('s1'));
		await expect(applyTransition(db, s1, 'start', 10)).rejects.toMatchObject({
			error: {
				code: 'IMPORT_IN_PROGRESS',
				message:
					'Import in progress — staff.csv by Ben Admin, 1,000 of 40,000 rows. Try again when it has ended.',
				detail: { holder: 'their-run' }
			}
		});
		expect((await db.importSessions.get(s1))?.status).toBe('configuring');
		expect(await sent()).toEqual([]);
	});

	it('an expired lease (its holder died) does not hold the site', async () => {
		const expired = { ...otherAdminsLease, expiresAt: 9 };
		await db.settings.put({ key: SITE_LEASE_KEY, value: expired, updatedAt: 0 });
		await db.importSessions.add(sessionRow('s1'));
		expect((await applyTransition(db, s1, 'start', 10)).status).toBe('running');
	});
});

describe('applyTransition', () => {
	it('moves the row as the lifecycle says and records the step and times', async () => {
		await db.importSessions.add(sessionRow('s1'));
		const running = await applyTransition(db, s1, 'start', 10);
		expect(running).toMatchObject({ status: 'running', step: 'import', startedAt: 10 });
		const done = await applyTransition(db, s1, 'finish', 20, { totalRows: 7 });
		expect(done).toMatchObject({ status: 'done', step: 'results', finishedAt: 20, totalRows: 7 });
		expect(await db.importSessions.get(s1)).toEqual(done);
	});

	it('refuses an illegal event with SESSION_STATE and changes nothing', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'done', step: 'results' }));
		await expect(applyTransition(db, s1, 'start', 10)).rejects.toMatchObject({
			error: { code: 'SESSION_STATE', detail: { status: 'done', event: 'start' } }
		});
		expect((await db.importSessions.get(s1))?.status).toBe('done');
	});

	it('refuses to lock while another session holds the guard', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'done' }));
		await db.importSessions.add(sessionRow('s2', { status: 'running', fileName: 'big.csv' }));
		await expect(applyTransition(db, s1, 'issue-start', 10)).rejects.toMatchObject({
			error: { code: 'IMPORT_IN_PROGRESS', detail: { sessionId: 's2', fileName: 'big.csv' } }
		});
		expect((await db.importSessions.get(s1))?.status).toBe('done');
	});

	it('lets issuing resume and then end: an issuing row left by a dead worker is not stuck', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'issuing', step: 'continue' }));
		expect((await applyTransition(db, s1, 'issue-start', 10)).status).toBe('issuing');
		expect(await applyTransition(db, s1, 'issue-finish', 11)).toMatchObject({
			status: 'done',
			step: 'continue'
		});
	});

	it('gives the guard back when issuing fails, leaving the run’s end as it was', async () => {
		await db.importSessions.add(
			sessionRow('s1', { status: 'issuing', step: 'continue', finishedAt: 5 })
		);
		expect(await applyTransition(db, s1, 'fail', 10)).toMatchObject({
			status: 'done',
			step: 'continue',
			finishedAt: 5
		});
	});

	it('keeps a failed run on the Import step with its error; an undo clears the counters', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'running', step: 'import' }));
		const error = { code: 'STORAGE_FULL' as const, message: 'Full.' };
		expect(await applyTransition(db, s1, 'fail', 10, { error })).toMatchObject({
			status: 'interrupted',
			step: 'import',
			error
		});
		expect((await applyTransition(db, s1, 'start', 11)).error).toBeUndefined();
		await applyTransition(db, s1, 'fail', 12, { error });
		await applyTransition(db, s1, 'undo-start', 13);
		expect(await applyTransition(db, s1, 'undo-finish', 14)).toMatchObject({
			status: 'cancelled',
			undone: true,
			counters: { created: 0, failed: 0 },
			cursor: { rows: 0 }
		});
		await expect(applyTransition(db, s1, 'undo-start', 15)).rejects.toMatchObject({
			error: { code: 'SESSION_STATE' }
		});
	});
});

describe('openSession and completeSession', () => {
	it('replace a session being configured, and refuse one with results', async () => {
		await openSession(db, sessionRow('s1'), new Blob(['Name\n']));
		await openSession(db, sessionRow('s2'), new Blob(['Name\n']));
		expect((await db.importSessions.toArray()).map((s) => s.id)).toEqual(['s2']);
		await db.importSessions.update(s2, { status: 'done' });
		const refused = openSession(db, sessionRow('s3'), new Blob([]));
		await expect(refused).rejects.toMatchObject({ error: { code: 'SESSION_STATE' } });
		await expect(refused).rejects.toThrow(/Complete first/);
	});

	it('never completes a session that holds the guard', async () => {
		await openSession(db, sessionRow('s1', { status: 'issuing' }), new Blob([]));
		await expect(completeSession(db, s1)).rejects.toMatchObject({
			error: { code: 'SESSION_STATE' }
		});
		await db.importSessions.update(s1, { status: 'done' });
		await completeSession(db, s1);
		expect(await db.importSessions.count()).toBe(0);
	});
});

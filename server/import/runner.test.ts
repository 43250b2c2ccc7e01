import { describe, expect, it } from 'vitest';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { listAdmins, theSite, type Admin } from '../auth/admins';
import { currentLease } from '../site/import-lease';
import { freshSitePerTest, signedInAdmin } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { ADMIN } from '../testing/people';
import { getJob } from './jobs';
import { ImportRunner, type JobFile } from './runner';
import { gate } from '../testing/gate';

const ROWS = 12_000;

describe.each(TEST_BACKENDS)(
	'imports run on the server on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);

		const owner = async (): Promise<Admin> => {
			const { db } = site.server;
			const found = await theSite(db);
			const admins = found ? await listAdmins(db, found.id) : [];
			if (!admins[0]) throw new Error('The test site has no admin');
			return admins[0];
		};
		const count = async (table: 'users' | 'cards') =>
			Number(
				(
					await site.server.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`)
				)[0]?.n
			);

		it('holds the site while it runs, refuses everyone else, and ends with its counts', async () => {
			const { db } = site.server;
			const admin = await owner();
			const file = gate<JobFile>();
			const runner = new ImportRunner(db, { fileOf: () => file.promise, exclusive: true });
			const other = await signedInAdmin(site.server, site.owner, ADMIN);

			const job = await runner.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: IMPORT_SETTINGS,
				totalRows: ROWS
			});
			// Held before the first chunk: the job's id is the lease's holder.
			expect((await currentLease(db, admin.siteId, Date.now()))?.holder).toBe(job.id);
			const second = runner.start(admin, {
				uploadId: 'u2',
				fileName: 'more.csv',
				settings: IMPORT_SETTINGS
			});
			await expect(second).rejects.toMatchObject({
				code: 'IMPORT_IN_PROGRESS',
				message: expect.stringContaining('staff.csv by Olga Owner') as string
			});
			const refused = await site.server.call('POST', '/api/mutations', {
				cookie: other,
				body: {
					id: crypto.randomUUID(),
					type: 'user.create',
					values: { ...emptyUserForm(), userId: '1', name: 'Ana' }
				}
			});
			expect(refused.json<{ code: string }>().code).toBe('IMPORT_IN_PROGRESS');

			file.open({ file: new Blob([importCsv(ROWS)]) });
			await runner.idle();

			const done = await getJob(db, admin.siteId, job.id);
			expect(done?.status).toBe('finished');
			expect(done?.totalRows).toBe(ROWS);
			expect(done?.cursor).toMatchObject({ rows: ROWS, chunks: 3 });
			expect(await currentLease(db, admin.siteId, Date.now())).toBeNull();
			expect(await count('users')).toBe(done?.counters.usersCreated);
			expect(await count('cards')).toBe(done?.counters.cardsCreated);
			const failed = await db.query<{ n: number | string }>(
				`SELECT sum(jsonb_array_length(failed)) AS n FROM import_job_results`
			);
			expect(Number(failed[0]?.n)).toBe(done?.counters.failed);
			expect(done?.counters.failed).toBeGreaterThan(100);
			// One result and one journal row per chunk, with the cursor.
			const journal = await db.query(`SELECT chunk FROM import_job_journal ORDER BY chunk`);
			expect(journal).toHaveLength(3);
		});

		it('resumes a job from its cursor after its runner died, ending as an uninterrupted run', async () => {
			const { db } = site.server;
			const admin = await owner();
			const blob = new Blob([importCsv(ROWS)]);
			// The reference: the same file run once, start to end, on a site of its own is the
			// parity suite's; here the first runner dies after its first chunk.
			let closing: Promise<void> | undefined;
			// Each run lets go of its file when it ends, paused or finished.
			let released = 0;
			const release = () => Promise.resolve(void (released += 1));
			const dying: ImportRunner = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: blob, release }),
				rowsPerChunk: 4000,
				// Closing stops the run after its current chunk and leaves the job for a takeover.
				onChunk: () => void (closing ??= dying.close())
			});
			const job = await dying.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: IMPORT_SETTINGS
			});
			await dying.idle();
			await closing;
			const paused = await getJob(db, admin.siteId, job.id);
			expect(paused?.status).toBe('running');
			expect(paused?.cursor.rows).toBeLessThan(ROWS);
			expect(released).toBe(1);

			const next = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: blob, release }),
				rowsPerChunk: 4000,
				exclusive: true
			});
			expect(await next.takeOver()).toEqual([job.id]);
			await next.idle();
			const done = await getJob(db, admin.siteId, job.id);
			expect(done?.status).toBe('finished');
			expect(released).toBe(2);
			expect(await count('users')).toBe(done?.counters.usersCreated);
			expect(await count('cards')).toBe(done?.counters.cardsCreated);
			expect(await currentLease(db, admin.siteId, Date.now())).toBeNull();
		});

		it('marks as interrupted a job whose runner died with no restart', async () => {
			const { db } = site.server;
			const admin = await owner();
			let clock = Date.now();
			const file = gate<JobFile>();
			const dead = new ImportRunner(db, { fileOf: () => file.promise, now: () => clock });
			const job = await dead.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: IMPORT_SETTINGS
			});
			const sweeper = new ImportRunner(db, { fileOf: () => file.promise, now: () => clock });
			expect(await sweeper.sweep()).toBe(0);
			// Lapsed, but a process started again may still be about to take it over.
			clock += 16_000;
			expect(await sweeper.sweep()).toBe(0);
			clock += 15_000;
			expect(await sweeper.sweep()).toBe(1);
			expect((await getJob(db, admin.siteId, job.id))?.status).toBe('interrupted');
			// The dead runner's first commit is then refused: the job is no longer its own.
			file.open({ file: new Blob([importCsv(100)]) });
			await dead.idle();
			expect(await count('users')).toBe(0);
		});
	}
);

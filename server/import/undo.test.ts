import { describe, expect, it } from 'vitest';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { currentLease } from '../site/import-lease';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner } from '../testing/uploaded';
import { getJob } from './jobs';
import { ImportRunner } from './runner';

describe.each(TEST_BACKENDS)(
	'undo of a server import on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);

		it('deletes what the import created and gives what it changed its before-image back', async () => {
			const { db } = site.server;
			const created = await site.server.call('POST', '/api/mutations', {
				cookie: site.owner,
				body: {
					id: crypto.randomUUID(),
					type: 'user.create',
					values: {
						...emptyUserForm(),
						userId: '100001',
						name: 'Before',
						email: 'before@example.org'
					}
				}
			});
			expect(created.statusCode).toBe(200);
			const admin = await siteOwner(db);
			const runner = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: new Blob([importCsv(300)]) }),
				rowsPerChunk: 100
			});
			const job = await runner.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: {
					...IMPORT_SETTINGS,
					settings: { ...IMPORT_SETTINGS.settings, overwrite: 'overwrite' }
				}
			});
			await runner.idle();
			const imported = await getJob(db, admin.siteId, job.id);
			expect(imported?.counters.usersUpdated).toBe(1);
			const name = async () =>
				(
					await db.query<{ name: string; email: string }>(
						`SELECT name, email FROM users WHERE id = '100001'`
					)
				)[0];
			expect(await name()).toEqual({ name: 'Person 1', email: 'p1@example.org' });

			await runner.undo(admin, job.id);
			await runner.idle();
			expect((await getJob(db, admin.siteId, job.id))?.status).toBe('undone');
			expect(await name()).toEqual({ name: 'Before', email: 'before@example.org' });
			expect(await db.query('SELECT id FROM users')).toHaveLength(1);
			expect(await db.query('SELECT number FROM cards')).toHaveLength(0);
			expect(await db.query('SELECT chunk FROM import_job_journal')).toHaveLength(0);
			expect(await currentLease(db, admin.siteId, Date.now())).toBeNull();
			await expect(runner.undo(admin, job.id)).rejects.toMatchObject({
				code: 'INVALID_INPUT'
			});
		});
	}
);

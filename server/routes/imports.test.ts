import { describe, expect, it } from 'vitest';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner, uploaded } from '../testing/uploaded';

interface ImportView {
	id: string;
	status: string;
	fileName: string;
	adminName: string;
	done: number;
	total: number | null;
	counters: { usersCreated?: number; cardsCreated?: number; failed: number };
}

const encoder = new TextEncoder();

describe.each(TEST_BACKENDS)(
	'imports on the server through the API on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		const count = async (table: 'users' | 'cards') =>
			Number(
				(
					await site.server.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`)
				)[0]?.n
			);
		const upload = async (name: string, bytes: Uint8Array) =>
			uploaded(site.server.db, await siteOwner(site.server.db), name, bytes);
		const start = (uploadId: string, more: object = {}) =>
			site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: {
					uploadId,
					settings: IMPORT_SETTINGS.settings,
					mapping: IMPORT_SETTINGS.mapping,
					...more
				}
			});

		it('starts an import from an upload, refuses a second, and undoes it', async () => {
			const id = await upload('staff.csv', encoder.encode(importCsv(12_000)));
			const started = await start(id, { totalRows: 12_000 });
			expect(started.statusCode).toBe(202);
			const job = started.json<{ id: string }>().id;
			const second = await start(id);
			expect(second.statusCode).toBe(409);
			expect(second.json<{ code: string; message: string }>()).toMatchObject({
				code: 'IMPORT_IN_PROGRESS',
				message: expect.stringContaining('staff.csv by Olga Owner') as string
			});
			await site.server.app.imports.idle();

			const view = (
				await site.server.call('GET', `/api/imports/${job}`, { cookie: site.owner })
			).json<ImportView>();
			expect(view).toMatchObject({
				status: 'finished',
				fileName: 'staff.csv',
				done: 12_000,
				total: 12_000
			});
			expect(await count('users')).toBe(view.counters.usersCreated);
			expect(await count('cards')).toBe(view.counters.cardsCreated);
			const list = (await site.server.call('GET', '/api/imports', { cookie: site.owner })).json<{
				imports: ImportView[];
			}>();
			expect(list.imports.map((i) => i.id)).toEqual([job]);

			const undo = await site.server.call('POST', `/api/imports/${job}/undo`, {
				cookie: site.owner
			});
			expect(undo.statusCode).toBe(202);
			await site.server.app.imports.idle();
			const undone = (
				await site.server.call('GET', `/api/imports/${job}`, { cookie: site.owner })
			).json<ImportView>();
			expect(undone.status).toBe('undone');
			expect(await count('users')).toBe(0);
			expect(await count('cards')).toBe(0);
		});

		it('cancels a running import, and resumes an interrupted one from its cursor', async () => {
			const id = await upload('staff.csv', encoder.encode(importCsv(12_000)));
			const job = (await start(id)).json<{ id: string }>().id;
			const cancel = await site.server.call('POST', `/api/imports/${job}/cancel`, {
				cookie: site.owner
			});
			expect(cancel.statusCode).toBe(202);
			await site.server.app.imports.idle();
			const cancelled = (
				await site.server.call('GET', `/api/imports/${job}`, { cookie: site.owner })
			).json<ImportView>();
			expect(cancelled.status).toBe('cancelled');
			expect(cancelled.done).toBeLessThan(12_000);
			expect(await count('users')).toBe(cancelled.counters.usersCreated ?? 0);

			// As the sweep leaves a job whose server died: interrupted, with its cursor.
			await site.server.db.query(
				`UPDATE import_jobs SET status = 'interrupted', finished_at = NULL`
			);
			const resume = await site.server.call('POST', `/api/imports/${job}/resume`, {
				cookie: site.owner
			});
			expect(resume.statusCode).toBe(202);
			await site.server.app.imports.idle();
			const done = (
				await site.server.call('GET', `/api/imports/${job}`, { cookie: site.owner })
			).json<ImportView>();
			expect(done).toMatchObject({ status: 'finished', done: 12_000 });
			expect(await count('users')).toBe(done.counters.usersCreated);
			expect(await count('cards')).toBe(done.counters.cardsCreated);
			const again = await site.server.call('POST', `/api/imports/${job}/resume`, {
				cookie: site.owner
			});
			expect(again.statusCode).toBe(400);
		});

		it('refuses an unknown upload, a workbook, bad settings, and a stranger', async () => {
			expect((await start('no-such-upload')).statusCode).toBe(404);
			const workbook = await upload(
				'staff.xlsx',
				new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])
			);
			const refused = await start(workbook);
			expect(refused.statusCode).toBe(415);
			expect(refused.json<{ message: string }>().message).toContain('imported in the browser');
			const csv = await upload('staff.csv', encoder.encode(importCsv(10)));
			expect(
				(await start(csv, { settings: { ...IMPORT_SETTINGS.settings, overwrite: 'sometimes' } }))
					.statusCode
			).toBe(400);
			expect((await start(csv, { encoding: 'klingon' })).statusCode).toBe(400);
			expect((await site.server.call('GET', '/api/imports')).statusCode).toBe(401);
			expect(
				(
					await site.server.call('GET', '/api/imports/00000000-0000-0000-0000-000000000000', {
						cookie: site.owner
					})
				).statusCode
			).toBe(404);
		});
	}
);

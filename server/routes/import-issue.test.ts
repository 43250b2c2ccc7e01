import { describe, expect, it } from 'vitest';
import type { ImportJobView } from '../../src/lib/domain/import-job';
import { holdLease, releaseLease } from '../site/import-lease';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner, uploaded } from '../testing/uploaded';

const encoder = new TextEncoder();

describe.each(TEST_BACKENDS)(
	'card issuing of a server import through the API on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		const issue = (id: string, cookie = site.owner) =>
			site.server.call('POST', `/api/imports/${id}/issue-cards`, cookie ? { cookie } : {});
		const view = async (id: string) =>
			(
				await site.server.call('GET', `/api/imports/${id}`, { cookie: site.owner })
			).json<ImportJobView>();

		it("issues a finished import's cards: 202, 409 while another run holds the site, 404, 400 once undone, 401 signed out", async () => {
			const { db } = site.server;
			const admin = await siteOwner(db);
			const upload = await uploaded(db, admin, 'staff.csv', encoder.encode(importCsv(300)));
			const started = await site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: {
					uploadId: upload,
					settings: IMPORT_SETTINGS.settings,
					mapping: IMPORT_SETTINGS.mapping
				}
			});
			expect(started.statusCode).toBe(202);
			const id = started.json<{ id: string }>().id;
			await site.server.app.imports.idle();
			expect((await view(id)).issued).toBeNull();

			expect((await issue(id, '')).statusCode).toBe(401);
			expect((await issue(crypto.randomUUID())).statusCode).toBe(404);

			// Another run holds the site: refused, nothing issued.
			await db.transaction((tx) =>
				holdLease(
					tx,
					admin,
					{ holder: 'another', activity: 'import', fileName: 'other.csv', done: 0, total: 0 },
					Date.now()
				)
			);
			const busy = await issue(id);
			expect(busy.statusCode).toBe(409);
			expect(busy.json<{ code: string }>().code).toBe('IMPORT_IN_PROGRESS');
			expect((await view(id)).status).toBe('finished');
			await db.transaction((tx) => releaseLease(tx, admin.siteId, 'another'));

			const accepted = await issue(id);
			expect(accepted.statusCode).toBe(202);
			expect(accepted.json<ImportJobView>()).toMatchObject({ id, status: 'issuing' });
			await site.server.app.imports.idle();
			const done = await view(id);
			expect(done.status).toBe('finished');
			expect(done.issued).toMatchObject({ cards: done.counters.cardsCreated, alreadyIssued: 0 });
			const registered = await db.query(`SELECT number FROM cards WHERE status = 'registered'`);
			expect(registered).toHaveLength(0);

			expect(
				(await site.server.call('POST', `/api/imports/${id}/undo`, { cookie: site.owner }))
					.statusCode
			).toBe(202);
			await site.server.app.imports.idle();
			const undone = await issue(id);
			expect(undone.statusCode).toBe(400);
			expect(undone.json<{ message: string }>().message).toContain('undone');
		});
	}
);

import { describe, expect, it } from 'vitest';
import type { ImportJobView } from '../../src/lib/domain/import-job';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner, uploaded } from '../testing/uploaded';

interface Change {
	version: number;
	entity: string;
	key: string;
	record: ImportJobView | null;
}

describe.each(TEST_BACKENDS)(
	'import jobs in the feed on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		const jobChanges = async (since = 0): Promise<Change[]> => {
			const changes: Change[] = [];
			for (;;) {
				const page = (
					await site.server.call('GET', `/api/changes?since=${since}`, { cookie: site.owner })
				).json<{ changes: Change[] }>().changes;
				if (page.length === 0) return changes.filter((c) => c.entity === 'import');
				changes.push(...page);
				since = page.at(-1)?.version ?? since;
			}
		};

		it('carries every change of a job, its progress and its end, and a Complete as null', async () => {
			const db = site.server.db;
			const uploadId = await uploaded(
				db,
				await siteOwner(db),
				'staff.csv',
				new TextEncoder().encode(importCsv(12_000))
			);
			const started = await site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: { uploadId, ...IMPORT_SETTINGS, totalRows: 12_000 }
			});
			const id = started.json<{ id: string }>().id;
			await site.server.app.imports.idle();

			const changes = await jobChanges();
			expect(changes.every((c) => c.key === id)).toBe(true);
			const records = changes.map((c) => c.record);
			expect(records[0]).toMatchObject({ status: 'running', done: 0, fileName: 'staff.csv' });
			// One a chunk of 5 000 rows, then the end.
			expect(records.map((r) => r && [r.status, r.done])).toEqual([
				['running', 0],
				['running', 5_000],
				['running', 10_000],
				['running', 12_000],
				['finished', 12_000]
			]);
			const updatedAts = records.map((r) => r?.updatedAt ?? 0);
			expect([...updatedAts].sort((a, b) => a - b)).toEqual(updatedAts);
			const last = changes.at(-1)?.version ?? 0;

			const complete = await site.server.call('DELETE', `/api/imports/${id}`, {
				cookie: site.owner
			});
			expect(complete.statusCode).toBe(204);
			expect(await jobChanges(last)).toEqual([
				expect.objectContaining({ key: id, record: null }) as Change
			]);
		});

		it('takes a mapping whose name parts are joined in an order', async () => {
			const db = site.server.db;
			const uploadId = await uploaded(
				db,
				await siteOwner(db),
				'staff.csv',
				new TextEncoder().encode(importCsv(10))
			);
			const started = await site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: {
					uploadId,
					...IMPORT_SETTINGS,
					mapping: { ...IMPORT_SETTINGS.mapping, nameOrder: 'family-first' }
				}
			});
			expect(started.statusCode).toBe(202);
			await site.server.app.imports.idle();
			const bad = await site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: { uploadId, ...IMPORT_SETTINGS, mapping: { nameOrder: 'sideways' } }
			});
			expect(bad.statusCode).toBe(400);
		});

		it('tells of an interrupted job cancelled by its admin', async () => {
			const db = site.server.db;
			const uploadId = await uploaded(
				db,
				await siteOwner(db),
				'staff.csv',
				new TextEncoder().encode(importCsv(10))
			);
			const id = (
				await site.server.call('POST', '/api/imports', {
					cookie: site.owner,
					body: { uploadId, ...IMPORT_SETTINGS }
				})
			).json<{ id: string }>().id;
			await site.server.app.imports.idle();
			await db.query(`UPDATE import_jobs SET status = 'interrupted', finished_at = NULL`);
			const before = (await jobChanges()).length;
			const cancel = await site.server.call('POST', `/api/imports/${id}/cancel`, {
				cookie: site.owner
			});
			expect(cancel.statusCode).toBe(202);
			const after = await jobChanges();
			expect(after).toHaveLength(before + 1);
			expect(after.at(-1)?.record?.status).toBe('cancelled');
		});
	}
);

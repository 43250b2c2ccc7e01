import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	CSV_BOM,
	failedHeaderLine,
	failedLines,
	succeededHeaderLine,
	succeededLines,
	type FailedRecord,
	type SucceededRecord
} from '../../src/lib/domain/result-files';
import { succeededFields } from '../../src/lib/import/core/chunk-plan';
import { insertAdmin, type Admin } from '../auth/admins';
import type { SqlValue } from '../db/sql';
import { getJob } from '../import/jobs';
import { ResultsChanged, resultFileText } from '../import/result-files';
import { ImportRunner, type JobFile } from '../import/runner';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { IMPORT_HEADER, importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner, uploaded } from '../testing/uploaded';
import { gate } from '../testing/gate';

const ROWS = 12_000;
const encoder = new TextEncoder();
const HYPERLINK = '=HYPERLINK("http://evil.example/","Click")';
/** The suites' file with two rows whose name a spreadsheet would run: one fails, one imports. */
const CSV =
	importCsv(ROWS) +
	`200001,${csvCell(HYPERLINK)},not-an-email,Employee,9000001\n` +
	`200002,${csvCell(HYPERLINK)},h@example.org,Employee,9000002\n`;

function csvCell(text: string): string {
	return `"${text.replace(/"/g, '""')}"`;
}

describe.each(TEST_BACKENDS)(
	'the result files and Complete of a server import on $name',
	{ timeout: 180_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		const count = async (sql: string, params: SqlValue[] = []) =>
			Number((await site.server.db.query<{ n: number | string }>(sql, params))[0]?.n);

		/** Uploads the file and imports it through the API to its end: the job's id. */
		async function finishedImport(name = 'staff.csv', csv = CSV): Promise<string> {
			const uploadId = await uploaded(
				site.server.db,
				await siteOwner(site.server.db),
				name,
				encoder.encode(csv)
			);
			const started = await site.server.call('POST', '/api/imports', {
				cookie: site.owner,
				body: { uploadId, settings: IMPORT_SETTINGS.settings, mapping: IMPORT_SETTINGS.mapping }
			});
			expect(started.statusCode).toBe(202);
			await site.server.app.imports.idle();
			return started.json<{ id: string }>().id;
		}
		const download = (id: string, kind: 'succeeded' | 'failed', cookie: string = site.owner) =>
			site.server.call('GET', `/api/imports/${id}/results/${kind}.csv`, { cookie });

		/** The job's chunk records as stored, in chunk order. */
		async function storedRecords(id: string) {
			const rows = await site.server.db.query<{
				succeeded: SucceededRecord[];
				failed: FailedRecord[];
			}>(
				'SELECT succeeded, failed FROM import_job_results WHERE job_id::text = $1 ORDER BY chunk',
				[id]
			);
			return rows;
		}

		it('streams the two files of a finished job as the browser builds them', async () => {
			const id = await finishedImport();
			const job = await getJob(site.server.db, (await siteOwner(site.server.db)).siteId, id);
			expect(job?.status).toBe('finished');
			expect(job?.cursor.chunks).toBe(3);
			const chunks = await storedRecords(id);
			expect(chunks).toHaveLength(3);

			// What result-export.ts builds from the same records: BOM, header line, each chunk's lines.
			const fields = succeededFields(IMPORT_SETTINGS.mapping);
			const succeeded = await download(id, 'succeeded');
			expect(succeeded.statusCode).toBe(200);
			expect(succeeded.headers['content-type']).toBe('text/csv; charset=utf-8');
			const day = new Date().toISOString().slice(0, 10);
			expect(succeeded.headers['content-disposition']).toBe(
				`attachment; filename="staff-succeeded-${day}.csv"; filename*=UTF-8''staff-succeeded-${day}.csv`
			);
			expect(
				succeeded.rawPayload.equals(
					Buffer.from(
						CSV_BOM +
							succeededHeaderLine(fields) +
							chunks.map((chunk) => succeededLines(chunk.succeeded)).join(''),
						'utf8'
					)
				)
			).toBe(true);

			const failed = await download(id, 'failed');
			expect(failed.statusCode).toBe(200);
			expect(failed.headers['content-disposition']).toContain(`filename="staff-failed-${day}.csv"`);
			expect(
				failed.rawPayload.equals(
					Buffer.from(
						CSV_BOM +
							failedHeaderLine(IMPORT_HEADER) +
							chunks.map((chunk) => failedLines(chunk.failed, IMPORT_HEADER.length)).join(''),
						'utf8'
					)
				)
			).toBe(true);

			// The same files read as text: the header row as in the file, a line per record, CRLF.
			const failedText = failed.rawPayload.toString('utf8');
			expect(
				failedText.startsWith(
					'\uFEFF"User ID","Name","Email","User type","Card ID","Row","Error"\r\n'
				)
			).toBe(true);
			const failedLinesRead = failedText.slice(1).split('\r\n');
			expect(failedLinesRead.pop()).toBe('');
			expect(failedLinesRead).toHaveLength(1 + (job?.counters.failed ?? 0));
			expect(job?.counters.failed).toBeGreaterThan(100);
			const succeededText = succeeded.rawPayload.toString('utf8');
			expect(succeededText.startsWith('\uFEFF"Row","Result",')).toBe(true);
			expect(succeededText.split('\r\n')).toHaveLength(
				2 + chunks.reduce((sum, chunk) => sum + chunk.succeeded.length, 0)
			);

			// A cell a spreadsheet would run comes back with the leading quote, in either file.
			const escaped = `"'=HYPERLINK(""http://evil.example/"",""Click"")"`;
			expect(failedText).toContain(`"200001",${escaped},"not-an-email"`);
			expect(succeededText).toContain(escaped);
			expect(failedText + succeededText).not.toContain(`,"=HYPERLINK`);
		});

		it('names the file after its upload, in ASCII and in UTF-8', async () => {
			const id = await finishedImport('Müller "staff".csv', importCsv(20));
			const day = new Date().toISOString().slice(0, 10);
			expect((await download(id, 'failed')).headers['content-disposition']).toBe(
				`attachment; filename="M_ller _staff_-failed-${day}.csv"; filename*=UTF-8''M%C3%BCller%20%22staff%22-failed-${day}.csv`
			);
		});

		it('repeats the header row of a file with a title row above it, a BOM and semicolons', async () => {
			const { db } = site.server;
			const admin = await siteOwner(db);
			const csv = `\uFEFFStaff list;;;;\n${importCsv(100).replaceAll(',', ';')}`;
			const runner = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: new Blob([csv]) })
			});
			const job = await runner.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: {
					...IMPORT_SETTINGS,
					bomLength: 3,
					delimiter: ';',
					settings: { ...IMPORT_SETTINGS.settings, headerRow: 2 }
				}
			});
			await runner.idle();
			expect((await getJob(db, admin.siteId, job.id))?.status).toBe('finished');
			const failed = (await download(job.id, 'failed')).rawPayload.toString('utf8');
			// As the browser writes it: its header row's cells, commas, the row as a spreadsheet counts.
			expect(failed).toBe(
				'\uFEFF"User ID","Name","Email","User type","Card ID","Row","Error"\r\n' +
					failedLines((await storedRecords(job.id))[0]?.failed ?? [], IMPORT_HEADER.length)
			);
			expect(failed).toContain('"100097","Person 97","not-an-email-97","Employee","5000679","99",');
		});

		it('fails a download whose job is completed while it is read, rather than cut it short', async () => {
			const id = await finishedImport();
			const job = await getJob(site.server.db, (await siteOwner(site.server.db)).siteId, id);
			if (!job) throw new Error('The job is gone');
			const pieces = resultFileText(site.server.db, job, 'succeeded');
			expect((await pieces.next()).value).toMatch(/^\uFEFF"Row","Result",/);
			expect((await pieces.next()).done).toBe(false);
			const completed = await site.server.call('DELETE', `/api/imports/${id}`, {
				cookie: site.owner
			});
			expect(completed.statusCode).toBe(204);
			await expect(pieces.next()).rejects.toBeInstanceOf(ResultsChanged);
		});

		it('Complete deletes the results, journal, job and upload for everyone', async () => {
			const id = await finishedImport();
			const { uploadId } = (await getJob(
				site.server.db,
				(await siteOwner(site.server.db)).siteId,
				id
			)) ?? { uploadId: '' };
			const users = await count('SELECT count(*) AS n FROM users');
			expect(users).toBeGreaterThan(10_000);
			const ofJob = (table: string) =>
				count(`SELECT count(*) AS n FROM ${table} WHERE job_id::text = $1`, [id]);
			expect(await ofJob('import_job_results')).toBe(3);
			expect(await ofJob('import_job_journal')).toBe(3);

			// A write from another origin is refused like every write, and changes nothing.
			const foreign = await site.server.call('DELETE', `/api/imports/${id}`, {
				cookie: site.owner,
				headers: { origin: 'http://evil.example' }
			});
			expect(foreign.statusCode).toBe(403);
			expect(await ofJob('import_job_results')).toBe(3);

			const completed = await site.server.call('DELETE', `/api/imports/${id}`, {
				cookie: site.owner
			});
			expect(completed.statusCode).toBe(204);
			expect(await ofJob('import_job_results')).toBe(0);
			expect(await ofJob('import_job_journal')).toBe(0);
			expect(await count('SELECT count(*) AS n FROM import_jobs')).toBe(0);
			expect(await count('SELECT count(*) AS n FROM uploads WHERE id = $1', [uploadId])).toBe(0);
			expect(
				await count('SELECT count(*) AS n FROM upload_parts WHERE upload_id = $1', [uploadId])
			).toBe(0);
			// What the import wrote stays: Complete closes the results, it undoes nothing.
			expect(await count('SELECT count(*) AS n FROM users')).toBe(users);

			for (const kind of ['succeeded', 'failed'] as const) {
				const gone = await download(id, kind);
				expect(gone.statusCode).toBe(404);
				expect(gone.json<{ code: string }>().code).toBe('NOT_FOUND');
			}
			expect(
				(await site.server.call('DELETE', `/api/imports/${id}`, { cookie: site.owner })).statusCode
			).toBe(404);
		});

		it('go with the site when it is erased: no results or Undo of records that are gone', async () => {
			const id = await finishedImport('small.csv', importCsv(10));
			const erased = await site.server.call('POST', '/api/erase', {
				cookie: site.owner,
				body: { confirm: 'ERASE' }
			});
			expect(erased.statusCode).toBe(200);
			expect(await count('SELECT count(*) AS n FROM import_jobs')).toBe(0);
			expect(await count('SELECT count(*) AS n FROM import_job_results')).toBe(0);
			expect((await download(id, 'failed')).statusCode).toBe(404);
		});

		it('answers 401 without a session and 404 for an unknown job', async () => {
			const id = await finishedImport('small.csv', importCsv(10));
			for (const kind of ['succeeded', 'failed'] as const) {
				const stranger = await download(id, kind, '');
				expect(stranger.statusCode).toBe(401);
				expect(stranger.json<{ code: string }>().code).toBe('UNAUTHENTICATED');
			}
			expect((await site.server.call('DELETE', `/api/imports/${id}`)).statusCode).toBe(401);
			expect(await count('SELECT count(*) AS n FROM import_jobs')).toBe(1);
			for (const unknown of [randomUUID(), 'not-a-uuid']) {
				expect((await download(unknown, 'failed')).statusCode).toBe(404);
				expect(
					(await site.server.call('DELETE', `/api/imports/${unknown}`, { cookie: site.owner }))
						.statusCode
				).toBe(404);
			}
		});

		it('refuses both files and Complete while the job runs or undoes', async () => {
			const { db } = site.server;
			const admin = await siteOwner(db);
			const file = gate<JobFile>();
			// A runner of its own, held before its first chunk, as another server process's would be.
			const runner = new ImportRunner(db, { fileOf: () => file.promise });
			const job = await runner.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: IMPORT_SETTINGS
			});
			const refusals = async () => [
				await download(job.id, 'succeeded'),
				await download(job.id, 'failed'),
				await site.server.call('DELETE', `/api/imports/${job.id}`, { cookie: site.owner })
			];
			for (const refused of await refusals()) {
				expect(refused.statusCode).toBe(409);
				expect(refused.json<{ code: string; message: string }>()).toMatchObject({
					code: 'IMPORT_IN_PROGRESS',
					message: expect.stringContaining('staff.csv is still running') as string
				});
			}
			file.open({ file: new Blob([importCsv(100)]) });
			await runner.idle();
			expect((await getJob(db, admin.siteId, job.id))?.status).toBe('finished');
			expect((await download(job.id, 'failed')).statusCode).toBe(200);

			await db.query(`UPDATE import_jobs SET status = 'undoing' WHERE id = $1`, [job.id]);
			for (const refused of await refusals()) {
				expect(refused.statusCode).toBe(409);
				expect(refused.json<{ message: string }>().message).toContain('being undone');
			}
			expect(await count('SELECT count(*) AS n FROM import_jobs')).toBe(1);
		});

		it("answers 404 for another site's job and leaves it alone", async () => {
			const { db } = site.server;
			const otherSite = randomUUID();
			await db.query("INSERT INTO sites (id, name) VALUES ($1, 'Other')", [otherSite]);
			await db.query('INSERT INTO site_versions (site_id) VALUES ($1)', [otherSite]);
			const stranger: Admin = await insertAdmin(db, otherSite, {
				name: 'Oscar Other',
				email: 'oscar@example.com',
				passwordHash: 'x',
				role: 'owner'
			});
			const runner = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: new Blob([importCsv(100)]) })
			});
			const theirs = await runner.start(stranger, {
				uploadId: 'u1',
				fileName: 'theirs.csv',
				settings: IMPORT_SETTINGS
			});
			await runner.idle();
			expect((await getJob(db, otherSite, theirs.id))?.status).toBe('finished');

			for (const kind of ['succeeded', 'failed'] as const)
				expect((await download(theirs.id, kind)).statusCode).toBe(404);
			expect(
				(await site.server.call('DELETE', `/api/imports/${theirs.id}`, { cookie: site.owner }))
					.statusCode
			).toBe(404);
			expect(await getJob(db, otherSite, theirs.id)).toBeDefined();
			expect(
				await count('SELECT count(*) AS n FROM import_job_results WHERE job_id::text = $1', [
					theirs.id
				])
			).toBe(1);
		});
	}
);

/**
 * One engine, two stores: the same file imported by the browser's engine (IndexedDB) and by the
 * site server's runner (PostgreSQL) ends with the same users, cards and failed rows
 * (docs/architecture.md, "Imports on the server").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/db/testing/test-db';
import { configured, testEngine } from '$lib/import/testing/engine-harness';
import { setUpSite, type Admin } from '../../../server/auth/admins';
import type { SqlDatabase } from '../../../server/db/sql';
import { getJob } from '../../../server/import/jobs';
import { ImportRunner } from '../../../server/import/runner';
import { TEST_BACKENDS } from '../../../server/testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../../../server/testing/import-csv';

const ROWS = 12_000;
const csv = importCsv(ROWS);

async function browserRun() {
	const db = testDatabase();
	const engine = testEngine(db);
	const id = await configured(engine, new File([csv], 'staff.csv', { type: 'text/csv' }), {
		...IMPORT_SETTINGS.settings
	});
	const session = await engine.start(id);
	const failedRows = (await db.importResults.toArray()).flatMap((chunk) =>
		chunk.failed.map((f) => f.row)
	);
	const result = {
		status: session.status,
		mapping: session.mapping,
		counters: session.counters,
		users: (await db.users.orderBy('id').primaryKeys()) as string[],
		cards: (await db.cards.orderBy('number').primaryKeys()) as string[],
		failedRows: failedRows.sort((a, b) => a - b)
	};
	db.close();
	return result;
}

describe.each(TEST_BACKENDS)('the server import on $name', { timeout: 180_000 }, (backend) => {
	let db: SqlDatabase;
	beforeAll(async () => {
		await backend.warmUp();
		db = await backend.open();
	}, 60_000);
	afterAll(() => db.close());

	it('ends with what the browser engine writes for the same file', async () => {
		const expected = await browserRun();
		expect(expected.counters.failed).toBeGreaterThan(100);

		const admin: Admin = await setUpSite(db, 'Parity', {
			name: 'Olga Owner',
			email: 'olga@example.com',
			passwordHash: 'x'
		});
		const runner = new ImportRunner(db, {
			fileOf: () => Promise.resolve({ file: new Blob([csv]) }),
			now: () => Date.UTC(2026, 10, 26, 12)
		});
		const job = await runner.start(admin, {
			uploadId: 'u1',
			fileName: 'staff.csv',
			settings: { ...IMPORT_SETTINGS, mapping: expected.mapping }
		});
		await runner.idle();
		const done = await getJob(db, admin.siteId, job.id);
		const keys = async (sql: string) => (await db.query<{ k: string }>(sql)).map((row) => row.k);
		const failed = await db.query<{ row: number }>(
			`SELECT (f->>'row')::int AS row FROM import_job_results, jsonb_array_elements(failed) AS f
			 ORDER BY 1`
		);
		expect(done?.status).toBe('finished');
		expect(done?.counters).toEqual(expected.counters);
		expect(await keys('SELECT id AS k FROM users ORDER BY id COLLATE "C"')).toEqual(expected.users);
		expect(await keys('SELECT number AS k FROM cards ORDER BY number COLLATE "C"')).toEqual(
			expected.cards
		);
		expect(failed.map((f) => f.row)).toEqual(expected.failedRows);
	});
});

import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { SqlDatabase } from '../../server/db/sql';
import { expect, test } from './site';
import { generatedCsv, ImportPage, parseCsv } from './pages/import';
import { UsersPage } from './pages/users';

test.use({ importsRunOn: 'server' });

const ROWS = 40_000;
/** 40 000 valid rows and two without a name, which fail. */
const staffCsv = () => ({
	name: 'staff.csv',
	mimeType: 'text/csv',
	buffer: Buffer.concat([generatedCsv(ROWS), Buffer.from('990001,,80000001\n990002,,80000002\n')])
});

const importBanner = (page: Page) =>
	page
		.getByRole('alert')
		.filter({ hasText: 'Import in progress — staff.csv by Olivia Owner' })
		.filter({ hasText: 'until it finishes' });

const jobStatus = async (db: SqlDatabase) =>
	(await db.query<{ status: string }>('SELECT status FROM import_jobs'))[0]?.status;

test('an import of 40 000 rows runs on the server: another admin is held off, told of the end, and gets the results; the importing tab may close', async ({
	page,
	site,
	browser
}) => {
	test.setTimeout(240_000);
	await site.seed([{ id: 'U1', name: 'Ana Park' }]);
	const other = await site.signedInPage(browser);
	const users = new UsersPage(other);
	await users.open();
	await expect(users.newUser).toBeEnabled();

	// The run waits at its start (holding the site) while this test looks, then runs to its end.
	const release = site.holdImports();
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(staffCsv());
	await wizard.importButton.click();
	await wizard.expectStep('Import Users', 30_000);
	await expect(importBanner(other)).toBeVisible({ timeout: 1_000 });
	await expect(other.getByRole('button', { name: 'New user' })).toBeDisabled();
	await other.goto('/users/U1');
	await expect(other.getByRole('button', { name: 'Save' })).toBeDisabled();
	const refused = await other.request.post(`${site.url}/api/mutations`, {
		headers: { origin: site.url },
		data: { id: randomUUID(), type: 'user.delete', userId: 'U1' }
	});
	expect(refused.status()).toBe(409);
	expect(((await refused.json()) as { code: string }).code).toBe('IMPORT_IN_PROGRESS');

	// The importing admin closes the tab mid-import: the server goes on to the end.
	await page.close();
	expect(await jobStatus(site.db)).toBe('running');
	release();

	const finished = other.getByRole('status').filter({ hasText: 'Import finished' });
	await expect(finished).toContainText(`Import finished: ${ROWS} succeeded, 2 failed`, {
		timeout: 180_000
	});
	expect(await jobStatus(site.db)).toBe('finished');
	await expect(importBanner(other)).toHaveCount(0);
	await expect(other.getByRole('button', { name: 'Save' })).toBeEnabled();

	await finished.getByRole('link', { name: 'See results' }).click();
	const results = new ImportPage(other);
	await results.expectStep('See Results');
	await results.expectCounts(ROWS, 2);
	const succeeded = await results.download('succeeded');
	expect(succeeded.download.suggestedFilename()).toMatch(
		/^staff-succeeded-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const succeededRows = parseCsv(succeeded.text);
	expect(succeededRows).toHaveLength(ROWS + 1);
	const failed = await results.download('failed');
	expect(failed.download.suggestedFilename()).toMatch(/^staff-failed-\d{4}-\d{2}-\d{2}\.csv$/);
	const failedRows = parseCsv(failed.text);
	expect(failedRows.map((row) => row[0])).toEqual(['User ID', '990001', '990002']);

	// An admin who signs in after the end finds the results under Import users, until Complete.
	const later = await site.signedInPage(browser);
	const theirs = new ImportPage(later);
	await theirs.open();
	// Once its first sync has read the feed past the job's end (80 000 users and cards before it).
	await theirs.expectStep('See Results', 60_000);
	await theirs.expectCounts(ROWS, 2);
	await results.complete();
	await theirs.expectStep('Upload CSV File');
	expect(await site.db.query('SELECT id FROM import_jobs')).toEqual([]);
});

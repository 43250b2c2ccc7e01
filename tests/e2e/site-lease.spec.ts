import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { applyMutation } from '../../server/site/mutations';
import type { LeaseClaim } from '../../src/lib/domain/site-lease';
import type { User } from '../../src/lib/domain/model';
import { expect, test, type TestSite } from './site';
import { generatedCsv, ImportPage } from './pages/import';
import { UsersPage } from './pages/users';

const ROWS = 3_000;
const peopleCsv = (rows: number) => ({
	name: 'people.csv',
	mimeType: 'text/csv',
	buffer: generatedCsv(rows)
});

/** The owner's run holds the site, as a browser importing staff.csv would (its first chunk). */
async function ownerImports(site: TestSite, claim: Partial<LeaseClaim> = {}): Promise<string> {
	if (!site.owner) throw new Error('The site has no owner');
	const holder = randomUUID();
	const lease = { holder, activity: 'import', fileName: 'staff.csv', done: 1_000, total: 40_000 };
	const answer = await applyMutation(site.db, site.owner, {
		id: randomUUID(),
		type: 'lease.take',
		lease: { ...lease, ...claim } as LeaseClaim
	});
	expect(answer.status).toBe(200);
	return holder;
}

async function ownerEnds(site: TestSite, holder: string): Promise<void> {
	if (!site.owner) throw new Error('The site has no owner');
	await applyMutation(site.db, site.owner, { id: randomUUID(), type: 'lease.release', holder });
}

/** The notification at the top (a refusal of the admin's own click names the run too). */
const banner = (page: Page) =>
	page
		.getByRole('alert')
		.filter({ hasText: 'Import in progress — staff.csv by Olivia Owner' })
		.filter({ hasText: 'until it finishes' });

test('while an admin imports, every other admin sees the banner, cannot create or edit, and is refused by the API', async ({
	site,
	browser
}) => {
	await site.seed([{ id: 'U1', name: 'Ana Park' }]);
	const other = await site.signedInPage(browser);
	const users = new UsersPage(other);
	await users.open();
	await expect(users.newUser).toBeVisible();

	const holder = await ownerImports(site);
	await expect(banner(other)).toHaveText(
		"Import in progress — staff.csv by Olivia Owner, 1,000 of 40,000 rows. Users and cards can't be created or edited until it finishes.",
		{ timeout: 1_000 }
	);
	await expect(other.getByRole('button', { name: 'New user' })).toBeDisabled();
	await other.goto('/users/U1');
	await expect(other.getByRole('button', { name: 'Save' })).toBeDisabled();

	const refused = await other.request.post(`${site.url}/api/mutations`, {
		headers: { origin: site.url },
		data: {
			id: randomUUID(),
			type: 'user.delete',
			userId: 'U1'
		}
	});
	expect(refused.status()).toBe(409);
	expect(((await refused.json()) as { code: string }).code).toBe('IMPORT_IN_PROGRESS');

	await ownerEnds(site, holder);
	await expect(banner(other)).toHaveCount(0);
	await expect(other.getByRole('button', { name: 'Save' })).toBeEnabled();
});

test('another admin’s import reaches this replica while the list waits, and the list reads it once the run ends', async ({
	site,
	browser
}) => {
	if (!site.owner) throw new Error('The site has no owner');
	await site.seed([{ id: 'U1', name: 'Ana Park' }]);
	const other = await site.signedInPage(browser);
	const counts = other.getByTestId('user-counts');
	await new UsersPage(other).open();
	await expect(counts).toHaveText('1 users');

	const holder = await ownerImports(site);
	await expect(banner(other)).toBeVisible();
	const at = Date.now();
	const chunk = await applyMutation(site.db, site.owner, {
		id: randomUUID(),
		type: 'records.write',
		source: 'the import of staff.csv',
		users: ['U2', 'U3'].map((id) => ({
			id: id as User['id'],
			name: `Person ${id}`,
			userType: 'Employee',
			createdAt: at,
			updatedAt: at
		})),
		cards: [],
		removeUsers: [],
		removeCards: [],
		lease: { holder, activity: 'import', fileName: 'staff.csv', done: 2_000, total: 40_000 }
	});
	expect(chunk.status).toBe(200);
	// The chunk is in this browser's replica (a user's page reads it there)…
	const second = await other.context().newPage();
	await second.goto('/users/U3');
	await expect(second.getByLabel('Name', { exact: true })).toHaveValue('Person U3');
	// …while the list says it shows the users as they were: it reads the tables once, at the end.
	await expect(counts).toContainText('Import in progress');

	await ownerEnds(site, holder);
	await expect(counts).toHaveText('3 users');
});

test('a second import is refused with the running one’s name, and starts once it has ended', async ({
	page,
	site
}) => {
	const holder = await ownerImports(site, { fileName: 'staff.csv' });
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(peopleCsv(10));
	await expect(wizard.importButton).toBeEnabled();
	await wizard.importButton.click();
	await expect(
		page.getByText('Import in progress — staff.csv by Olivia Owner, 1,000 of 40,000 rows').first()
	).toBeVisible();

	await ownerEnds(site, holder);
	await expect(banner(page)).toHaveCount(0);
	await wizard.importAndWait();
	await wizard.expectCounts(10, 0);
});

test('a browser import takes the site’s lease, renews it chunk by chunk with its progress, and frees it once the server has every chunk', async ({
	page,
	site
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(peopleCsv(ROWS));
	await wizard.importAndWait();
	await wizard.expectCounts(ROWS, 0);
	await expect(page.getByText('waiting to be sent')).toHaveCount(0);

	const count = await site.db.query<{ n: string }>('SELECT count(*) AS n FROM users');
	expect(Number(count[0]?.n)).toBe(ROWS);
	const leases = await site.db.query<{ record: LeaseClaim | null }>(
		"SELECT record FROM changes WHERE entity = 'lease' ORDER BY version"
	);
	expect(leases.at(0)?.record).toMatchObject({ activity: 'import', fileName: 'people.csv' });
	expect(leases.at(-2)?.record).toMatchObject({ done: ROWS, total: ROWS });
	expect(leases.at(-1)?.record).toBeNull();
	expect(await site.db.query('SELECT holder FROM import_leases')).toEqual([]);
});

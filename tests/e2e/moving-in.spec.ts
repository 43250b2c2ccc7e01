import { expect, test, type TestSite } from './site';
import { seedBrowserOnly, type SeedCard, type SeedUser } from './pages/users';

async function siteUsers(site: TestSite): Promise<string[]> {
	const rows = await site.db.query<{ id: string }>('SELECT id FROM users ORDER BY id');
	return rows.map((row) => row.id);
}

const LOCAL_USERS: SeedUser[] = [
	{ id: 'U1', name: 'Ana Park', email: 'ana@x.org' },
	{ id: 'U2', name: 'Bo Lee', userType: 'Visitor' },
	{ id: 'U3', name: 'Chris Lee', userType: 'Member' }
];
const LOCAL_CARDS: SeedCard[] = [
	{ number: '4660', userId: 'U1', status: 'issued' },
	{ number: '5001', userId: 'U2' }
];

test('a browser-only site moves into an empty site, once, at the owner’s word', async ({
	page,
	site
}) => {
	// The browser-only version left its site in this browser's database.
	await page.goto('/users');
	await seedBrowserOnly(page, LOCAL_USERS, LOCAL_CARDS);
	await page.reload();

	const offer = page.getByRole('region', { name: 'Move in' });
	const move = offer.getByRole('button', {
		name: 'Move 3 users and 2 cards from this browser into the site'
	});
	await move.click();
	await expect(offer.getByRole('status')).toHaveText('Moved 3 users and 2 cards into the site.');
	expect(await siteUsers(site)).toEqual(['U1', 'U2', 'U3']);
	const cards = await site.db.query<{ number: string; status: string }>(
		'SELECT number, status FROM cards ORDER BY number'
	);
	expect(cards).toEqual([
		{ number: '4660', status: 'issued' },
		{ number: '5001', status: 'registered' }
	]);

	// Taken once: never offered again in this browser.
	await page.reload();
	await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Move in' })).toHaveCount(0);
});

test('the offer is dismissed for good, and never made to an admin who is not the owner', async ({
	page,
	site,
	browser
}) => {
	await page.goto('/users');
	await seedBrowserOnly(page, LOCAL_USERS, LOCAL_CARDS);
	await page.reload();
	await page.getByRole('button', { name: 'Not now' }).click();
	await expect(page.getByRole('region', { name: 'Move in' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Move in' })).toHaveCount(0);

	const admin = await site.signedInPage(browser);
	await admin.goto('/users');
	await seedBrowserOnly(admin, LOCAL_USERS, LOCAL_CARDS);
	// The offer is decided once the site's contents have been asked for.
	const asked = admin.waitForResponse('**/api/site/contents');
	await admin.reload();
	await asked;
	await expect(admin.getByRole('table', { name: 'Users' })).toBeVisible();
	await expect(admin.getByRole('region', { name: 'Move in' })).toHaveCount(0);
	expect(await siteUsers(site)).toEqual([]);
});

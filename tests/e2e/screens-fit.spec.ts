import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { ImportPage } from './pages/import';
import { seed, UsersPage } from './pages/users';

const LONG = 'W'.repeat(100);

/** The page's width beyond the viewport: 0 when nothing scrolls sideways. */
async function sidewaysOverflow(page: Page): Promise<number> {
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}

async function seedLongUser(page: Page): Promise<void> {
	const users = new UsersPage(page);
	await users.open();
	await seed(
		page,
		[{ id: 'u1', name: LONG, department: 'D'.repeat(100), email: `${'a'.repeat(60)}@example.org` }],
		[{ number: '123456789', userId: 'u1', status: 'issued' }]
	);
}

test('No screen scrolls sideways on a 390 px phone, even with a 100-character name', async ({
	page
}, testInfo) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await seedLongUser(page);
	const screens: [string, string][] = [
		['/users', 'Users'],
		['/cards', 'Cards'],
		['/settings', 'Settings'],
		['/users/u1', LONG],
		['/users/new', 'New user'],
		['/print?user=u1', 'Print cards']
	];
	for (const [path, heading] of screens) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath(`390${path.replace(/\W/g, '-')}.png`) });
		expect(await sidewaysOverflow(page), path).toBe(0);
	}

	const wizard = new ImportPage(page);
	await wizard.open();
	const header = 'User ID,Name,Email,Phone,User type,Department,Title,Card ID';
	await wizard.upload({
		name: 'staff.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			`${header}\nu2,${LONG},b@example.org,+1 555 0100,Employee,Sales,Boss,1234\n`
		)
	});
	await page.screenshot({ path: testInfo.outputPath('390-configure.png'), fullPage: true });
	expect(await sidewaysOverflow(page), 'Configure').toBe(0);
});

test('At 1280 px the Encoding select stays in its column, beside Delimiter', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	const wizard = new ImportPage(page);
	await wizard.open();
	const header = Array.from({ length: 30 }, (_, i) => `Column with a long name ${i + 1}`);
	await wizard.upload({
		name: 'wide.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`Name,${header.join(',')}\nAna Lee,${header.map(() => 'x').join(',')}\n`)
	});
	const encoding = await wizard.select('Encoding').boundingBox();
	const delimiter = await wizard.select('Delimiter').boundingBox();
	expect(encoding && delimiter).toBeTruthy();
	if (!encoding || !delimiter) return;
	const overlapsSideways =
		encoding.x < delimiter.x + delimiter.width && delimiter.x < encoding.x + encoding.width;
	const overlapsDown =
		encoding.y < delimiter.y + delimiter.height && delimiter.y < encoding.y + encoding.height;
	expect(overlapsSideways && overlapsDown).toBe(false);
	expect(await sidewaysOverflow(page)).toBe(0);
});

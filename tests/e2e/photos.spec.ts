import { expect, test } from './site';
import { PrintPage } from './pages/continue';
import { chooseFiles, expectShownAs, storedPhoto } from './pages/photos';
import { seed, UsersPage } from './pages/users';

/** The card's photo is 22 × 28 mm. */
const CARD_SHAPE = 22 / 28;

test('a landscape photo over the Maximum image size is resized and cropped to the card, not refused or stretched', async ({
	page
}) => {
	await page.goto('/users');
	await seed(
		page,
		[{ id: 'U1', name: 'Ana Park' }],
		[{ number: '5001', userId: 'U1', status: 'issued' }]
	);
	await page.goto('/users/U1');
	await expect(page.getByText(/Any photo up to 30 MB/)).toBeVisible();

	// 4000 × 3000, several MB: over the 1 MB the setting says by default.
	const [size = 0] = await chooseFiles(page.getByLabel('User image'), [
		{ name: 'holiday.jpg', width: 4000, height: 3000 }
	]);
	expect(size).toBeGreaterThan(2 * 1024 * 1024);
	const image = page.getByRole('img', { name: 'Image of Ana Park' });
	await expect(image).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	// Stored at most 512 px, in the card's shape, cut from the middle: the red bands at the sides
	// are gone and the disc is still round.
	const stored = await storedPhoto(page, 'U1');
	expect(stored).toMatchObject({ width: 402, height: 512, thumbnail: [96, 96], redEdge: false });
	expect(stored.discWidth).toBeGreaterThan(300);
	expect(Math.abs(stored.discWidth - stored.discHeight)).toBeLessThanOrEqual(4);

	await expectShownAs(image, CARD_SHAPE);
	const users = new UsersPage(page);
	await users.open();
	await expectShownAs(users.row('Ana Park').locator('img'), 1);

	await page.goto('/print?user=U1');
	const sheet = new PrintPage(page);
	await expect(sheet.faces).toHaveCount(1);
	await expectShownAs(
		sheet.face('Ana Park').getByRole('img', { name: 'Photo of Ana Park' }),
		CARD_SHAPE
	);
});

test('a file over 30 MB is refused with the hard cap, not the setting', async ({ page }) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }]);
	await page.goto('/users/U1');
	await chooseFiles(page.getByLabel('User image'), [{ name: 'scan.jpg', bytes: 31 * 1024 * 1024 }]);
	await expect(page.getByRole('alert')).toContainText(
		'"scan.jpg" is 31 MB; Roster reads images of up to 30 MB'
	);
	await expect(page.getByRole('alert')).not.toContainText('Maximum image size');
});

import { expect, test } from './site';
import { watchConsole } from './console-watch';
import { holdImport, seed, UsersPage } from './pages/users';
import { FORM_LABELS, UserFormPage } from './pages/user-form';

test('create a user: every field by its label, then the user is in the list', async ({ page }) => {
	const problems = watchConsole(page);
	const users = new UsersPage(page);
	await users.open();
	await users.newUser.click();
	await expect(page).toHaveURL(/\/users\/new$/);

	const form = new UserFormPage(page);
	for (const label of FORM_LABELS) await expect(form.field(label)).toBeVisible();
	await form.fill({
		'User ID': 'E100',
		Name: 'Ana Park',
		Email: 'Ana.Park@Example.com',
		Phone: '+1 (555) 010-2000',
		'User type': 'Visitor',
		Department: 'Sales',
		Title: 'Lead'
	});
	await form.save.click();

	await expect(page).toHaveURL(/\/users\/E100$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Ana Park' })).toBeVisible();
	await expect(form.field('Email')).toHaveValue('ana.park@example.com');

	await users.open();
	const row = users.row('Ana Park');
	await expect(row).toContainText('E100');
	await expect(row).toContainText('Visitor');
	await expect(row).toContainText('+1 (555) 010-2000');
	await expect(users.counts).toHaveText('1 users');
	expect(problems).toEqual([]);
});

test('a user typed by hand obeys the import rules, with the message next to the field', async ({
	page
}) => {
	await page.goto('/users/new');
	const form = new UserFormPage(page);
	await form.fill({ 'User ID': 'bad id!', Name: '', Email: 'bob@', Phone: '12' });
	await form.save.click();

	await expect(form.field('Email')).toHaveAttribute('aria-invalid', 'true');
	await expect(form.field('Email')).toHaveAccessibleDescription(
		/Email "bob@" is not a valid address/
	);
	await expect(form.field('Name')).toHaveAccessibleDescription(/Name is missing/);
	await expect(form.field('User ID')).toHaveAccessibleDescription(/may only contain letters/);
	await expect(form.field('Phone')).toHaveAccessibleDescription(/has 2 digits/);
	await expect(page).toHaveURL(/\/users\/new$/);

	// A blank User ID takes the next free number (the first here).
	await form.fill({ 'User ID': '', Name: 'No Id', Email: '', Phone: '' });
	await form.save.click();
	await expect(page).toHaveURL(/\/users\/U000001$/);
});

test('edit a user and see the change in the list', async ({ page }) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park', email: 'ana@x.org' }]);
	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	await expect(form.field('User ID')).toHaveValue('U1');
	await expect(form.field('User ID')).not.toBeEditable();
	await form.fill({ Name: 'Ana Lee', Title: 'Director', 'User type': 'Member' });
	await form.save.click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Ana Lee' })).toBeVisible();

	const users = new UsersPage(page);
	await users.open();
	await expect(users.row('Ana Lee')).toContainText('Member');
	await expect(users.row('Ana Park')).toHaveCount(0);
});

test('conflicts are refused with a message that names the other user', async ({ page }) => {
	await page.goto('/users');
	await seed(page, [
		{
			id: 'U1',
			name: 'Ana Park',
			email: 'ana@x.org',
			phone: '555 000 1111',
			phoneDigits: '5550001111'
		}
	]);
	await page.goto('/users/new');
	const form = new UserFormPage(page);

	await form.fill({ 'User ID': 'U1', Name: 'Bo Lee' });
	await form.save.click();
	await expect(form.field('User ID')).toHaveAccessibleDescription(
		/User ID "U1" is already used by user U1 \(Ana Park\)\./
	);

	await form.fill({ 'User ID': 'U2', Email: 'ANA@x.org' });
	await form.save.click();
	await expect(form.field('Email')).toHaveAccessibleDescription(
		/Email "ana@x.org" already belongs to user U1 \(Ana Park\)/
	);

	await form.fill({ Email: 'bo@x.org', Phone: '(555) 000-1111' });
	await form.save.click();
	await expect(form.field('Phone')).toHaveAccessibleDescription(
		/already belongs to user U1 \(Ana Park\)/
	);

	await form.fill({ Phone: '' });
	await form.save.click();
	await expect(page).toHaveURL(/\/users\/U2$/);
});

test('delete a user and their cards after confirming', async ({ page }) => {
	await page.goto('/users');
	await seed(
		page,
		[
			{ id: 'U1', name: 'Ana Park' },
			{ id: 'U2', name: 'Bo Lee' }
		],
		[
			{ number: '1001', userId: 'U1' },
			{ number: '1002', userId: 'U1' }
		]
	);
	await page.goto('/users/U1');
	await page.getByRole('button', { name: 'Delete user' }).click();
	await expect(page.getByRole('alert')).toContainText('Delete Ana Park (U1) and their 2 cards?');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await page.getByRole('button', { name: 'Delete user' }).click();
	await page.getByRole('button', { name: 'Yes, delete user' }).click();

	await expect(page).toHaveURL(/\/users$/);
	const users = new UsersPage(page);
	await expect(users.row('Bo Lee')).toBeVisible();
	await expect(users.row('Ana Park')).toHaveCount(0);
	await page.goto('/cards');
	await expect(page.getByTestId('card-counts')).toHaveText('0 cards');
});

test('search matches the start of any word of the name, the User ID, email, phone or card', async ({
	page
}) => {
	await page.goto('/users');
	await seed(
		page,
		[
			{
				id: 'E-200',
				name: 'Ana Maria Park',
				email: 'amp@corp.example',
				phone: '+82 10-1234-5678',
				phoneDigits: '821012345678'
			},
			{ id: 'V-300', name: 'Bo Lee', userType: 'Visitor', email: 'bo@other.example' },
			{ id: 'M-400', name: 'Chris Parkinson', userType: 'Member' }
		],
		[{ number: '3000000001', userId: 'V-300' }]
	);
	const users = new UsersPage(page);
	await users.open();
	await expect(users.counts).toHaveText('3 users');

	const expectMatches = async (query: string, names: string[]) => {
		await users.search.fill(query);
		await expect.poll(() => users.names()).toEqual(names);
	};
	await expectMatches('mar', ['Ana Maria Park']); // a later word of the name
	await expectMatches('park', ['Ana Maria Park', 'Chris Parkinson']);
	await expectMatches('aria', []); // not the start of a word
	await expectMatches('v-3', ['Bo Lee']); // User ID
	await expectMatches('BO@OTHER', ['Bo Lee']); // email, any case
	await expectMatches('+82 10-1234', ['Ana Maria Park']); // phone, compared by digits
	await expectMatches('3000000', ['Bo Lee']); // card number, decimal
	await expectMatches('0xB2D05E01', ['Bo Lee']); // the same card in hexadecimal
	await expectMatches('ana park', ['Ana Maria Park']); // every word must match
	await expect(users.counts).toHaveText('1 of 3 users');

	await users.search.fill('');
	await page.getByLabel('User type').selectOption('Member');
	await expect.poll(() => users.names()).toEqual(['Chris Parkinson']);
	await page.getByLabel('User type').selectOption('all');
	await page.getByLabel('Sort by').selectOption('id');
	await expect.poll(() => users.names()).toEqual(['Ana Maria Park', 'Chris Parkinson', 'Bo Lee']);
	await page.getByLabel('Sort by').selectOption('name');
	await expect.poll(() => users.names()).toEqual(['Ana Maria Park', 'Bo Lee', 'Chris Parkinson']);
});

test('the list stays virtual and scrolls to the end at 5 000 users', async ({ page }) => {
	await page.goto('/users');
	const many = Array.from({ length: 5000 }, (_, i) => ({
		id: `U${String(i).padStart(5, '0')}`,
		name: `Person ${String(i).padStart(5, '0')}`
	}));
	await seed(page, many);
	const users = new UsersPage(page);
	await users.open();
	await expect(users.counts).toHaveText('5,000 users');
	expect(await users.rows.count()).toBeLessThan(80);
	await page.getByTestId('virtual-viewport').evaluate((el) => (el.scrollTop = el.scrollHeight));
	await expect(users.row('Person 04999')).toBeVisible();
});

test('while an import runs, writes are disabled and the reason is shown', async ({ page }) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }], [{ number: '77', userId: 'U1' }]);
	const endImport = await holdImport(page);
	const users = new UsersPage(page);
	await users.open();
	await expect(page.getByRole('button', { name: 'New user' })).toBeDisabled();
	await expect(page.getByTestId('lock-notice')).toContainText('big.csv');

	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	await expect(form.save).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Delete user' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Register card' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Issue' })).toBeDisabled();
	await expect(page.getByLabel('User image')).toBeDisabled();

	// The engine writes through Dexie, which tells every tab; this raw write needs a reload.
	await endImport();
	await page.reload();
	await expect(form.save).toBeEnabled();
});

test('upload, replace and remove the user image (resized in a worker)', async ({ page }) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }]);
	await page.goto('/users/U1');
	const image = page.getByRole('img', { name: 'Image of Ana Park' });

	await page.getByLabel('User image').setInputFiles('tests/fixtures/images/not-an-image.png');
	await expect(page.getByRole('alert')).toContainText('is not an image Roster can read');

	await page.getByLabel('User image').setInputFiles('tests/fixtures/images/red-800x600.png');
	await expect(image).toBeVisible();
	const stored = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const r = indexedDB.open('roster');
			r.onsuccess = () => resolve(r.result);
		});
		const record = await new Promise<{ width: number; height: number; thumbnail: Blob }>(
			(resolve) => {
				const r = db.transaction('images').objectStore('images').get('U1');
				r.onsuccess = () => resolve(r.result as { width: number; height: number; thumbnail: Blob });
			}
		);
		const thumb = await createImageBitmap(record.thumbnail);
		return { width: record.width, height: record.height, thumb: [thumb.width, thumb.height] };
	});
	// 800 × 600 cropped to the card's 22 × 28 from the middle, then 512 px tall.
	expect(stored).toEqual({ width: 402, height: 512, thumb: [96, 96] });

	await page.getByLabel('User image').setInputFiles('tests/fixtures/images/blue-300.png');
	await expect(page.getByRole('button', { name: 'Remove image' })).toBeVisible();
	const users = new UsersPage(page);
	await users.open();
	await expect(users.row('Ana Park').locator('img')).toHaveCount(1);

	await page.goto('/users/U1');
	await page.getByRole('button', { name: 'Remove image' }).click();
	await expect(image).toHaveCount(0);
	await expect(page.getByText('Upload image')).toBeVisible();
});

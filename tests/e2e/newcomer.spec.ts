import { expect, test } from './site';
import { readFileSync } from 'node:fs';
import { ImportPage, parseCsv } from './pages/import';
import { seed, UsersPage } from './pages/users';

test('An empty site says what Roster is for and offers the first steps', async ({ page }) => {
	const users = new UsersPage(page);
	await users.open();
	const empty = page.getByRole('region', { name: 'No users yet' });
	await expect(empty).toContainText('access cards they carry');
	await expect(users.table).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'New user' })).toHaveCount(1);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		empty.getByRole('button', { name: 'Download template' }).click()
	]);
	expect(download.suggestedFilename()).toBe('roster-template.csv');
	expect(parseCsv(readFileSync(await download.path(), 'utf8'))[0]).toContain('Name');

	await page.getByRole('link', { name: 'Cards', exact: true }).click();
	const noCards = page.getByRole('region', { name: 'No cards yet' });
	await expect(noCards.getByRole('link', { name: 'New user' })).toBeVisible();
	await noCards.getByRole('link', { name: 'Import users' }).click();
	await new ImportPage(page).expectStep('Upload CSV File');
});

test('A site with users shows the list, not the first steps', async ({ page }) => {
	const users = new UsersPage(page);
	await users.open();
	await seed(page, [{ id: 'u1', name: 'Ana Lee' }]);
	await users.open();
	await expect(users.row('Ana Lee')).toBeVisible();
	await expect(page.getByRole('region', { name: 'No users yet' })).toHaveCount(0);
});

test('A file with more than 1 000 columns is refused; a 500-column file reaches Configure', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	const file = (columns: number) => {
		const header = ['Name', ...Array.from({ length: columns - 1 }, (_, i) => `Extra ${i + 1}`)];
		const row = ['Ana Lee', ...Array.from({ length: columns - 1 }, () => 'x')];
		return Buffer.from(`${header.join(',')}\n${row.join(',')}\n`);
	};

	await wizard.fileInput.setInputFiles({
		name: 'wide.csv',
		mimeType: 'text/csv',
		buffer: file(50_000)
	});
	await expect(page.getByRole('alert')).toContainText('50,000 columns');
	await expect(page.getByRole('alert')).toContainText('at most 1,000');
	await wizard.expectStep('Upload CSV File');

	await wizard.upload({ name: 'wide-but-legal.csv', mimeType: 'text/csv', buffer: file(500) });
	await expect(wizard.mapping('Name')).toHaveValue('0');
	await expect(wizard.mapping('Department').locator('option')).toHaveCount(501);
});

test('The print view has a way back to where it was opened from', async ({ page }) => {
	const users = new UsersPage(page);
	await users.open();
	await seed(page, [{ id: 'u1', name: 'Ana Lee' }]);
	await page.goto('/print?user=u1');
	await page.getByRole('link', { name: 'Back to the user' }).click();
	await expect(page).toHaveURL(/\/users\/u1$/);
	await expect(page.getByRole('heading', { name: 'Ana Lee' })).toBeVisible();
});

test('Start and End date show in the chosen Date format; a day-first cell names the setting', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'dates.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Name,Card ID,Card end date\nAna Lee,1001,31/12/2026\n')
	});
	const start = wizard.select('Start date');
	const end = wizard.select('End date');
	await end.fill('2027-12-31');
	await end.blur();
	await expect(end).toHaveValue('2027-12-31');
	await expect(wizard.preview).toContainText(
		'Card end date "31/12/2026" is not a date — use YYYY-MM-DD, or choose DD/MM/YYYY under Date format'
	);

	await wizard.select('Date format').selectOption('DD/MM/YYYY');
	await wizard.settled();
	await expect(end).toHaveValue('31/12/2027');
	await expect(start).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
	await expect(wizard.preview).not.toContainText('is not a date');

	await start.fill('01/02/2027');
	await start.blur();
	await wizard.settled();
	await expect(start).toHaveValue('01/02/2027');
	await end.fill('31/01/2027');
	await expect(page.getByText('End date 31/01/2027 is before Start date 01/02/2027')).toBeVisible();
	await expect(wizard.importButton).toBeDisabled();
});

test('The header row is found below a title, can be picked by clicking a row, and past the end says so', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'titled.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Staff export 2 December 2026\n\nUser ID,Name,Email\nu1,Ana Lee,ana@example.org\nu2,Bo Kim,bo@example.org\n'
		)
	});
	const headerRow = wizard.select('Header row');
	await expect(headerRow).toHaveValue('3');
	await expect(page.getByText('Header row 3 looks like the column names')).toBeVisible();
	expect(await wizard.mappedHeader('Name')).toBe('Name');
	expect(await wizard.mappedHeader('Email')).toBe('Email');
	await expect(page.getByText('2 data rows: this import will create 2')).toBeVisible();

	const rows = page.getByRole('group', { name: 'Reading the file' }).getByRole('listitem');
	await rows.getByRole('button', { name: /^Row 1:/ }).click();
	await wizard.settled();
	await expect(headerRow).toHaveValue('1');
	expect(await wizard.mappedHeader('Name')).toBe('None');
	await page.getByRole('button', { name: 'Use row 3 as the header' }).click();
	await wizard.settled();
	await expect(headerRow).toHaveValue('3');
	await expect(rows.getByRole('button', { name: /^Row 3:/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	await headerRow.fill('40');
	await expect(page.getByRole('alert')).toContainText(
		'Header row 40 is past the end of the file, which has 5 rows'
	);
	await expect(wizard.importButton).toBeDisabled();
});

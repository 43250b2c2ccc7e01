import { expect, test } from './site';
import { ImportPage } from './pages/import';
import { UserFormPage } from './pages/user-form';
import { seed } from './pages/users';

const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

test('a save from a stale form in another tab is refused, and the current values load without losing what was typed', async ({
	page,
	context
}) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park', department: 'Sales', title: 'Rep' }]);
	await page.goto('/users/U1');
	const a = new UserFormPage(page);
	await expect(a.field('Name')).toHaveValue('Ana Park');

	// Tab A starts changing the department; meanwhile tab B saves a new name.
	await a.fill({ Department: 'Ops' });
	const other = await context.newPage();
	await other.goto('/users/U1');
	const b = new UserFormPage(other);
	await expect(b.field('Name')).toHaveValue('Ana Park');
	await b.fill({ Name: 'Bea Park' });
	await b.save.click();
	await expect(other.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	// A's form says so at once and keeps what A typed; saving it all the same is refused.
	await expect(page.getByText('Changed since you opened this form: Name.')).toBeVisible();
	await expect(a.field('Name')).toHaveValue('Ana Park');
	await a.save.click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'since you opened this form' })
	).toHaveText(
		'Name was changed by Olivia Owner since you opened this form, so nothing was saved. Load the current values (what you typed stays), check them and save again.'
	);
	await expect(a.field('Name')).toHaveAccessibleDescription(/Now: “Bea Park”/);
	await expect(a.field('Department')).toHaveValue('Ops');

	// Nothing of the stale save reached the database: B's name stands.
	await other.reload();
	await expect(b.field('Name')).toHaveValue('Bea Park');
	await expect(b.field('Department')).toHaveValue('Sales');

	await page.getByRole('button', { name: 'Load current values' }).click();
	await expect(a.field('Name')).toHaveValue('Bea Park');
	await expect(a.field('Department')).toHaveValue('Ops');
	await a.save.click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await other.reload();
	await expect(b.field('Name')).toHaveValue('Bea Park');
	await expect(b.field('Department')).toHaveValue('Ops');
	await expect(b.field('Title')).toHaveValue('Rep');
});

test('a form opened before an import and saved after it does not overwrite what the import changed', async ({
	page,
	context
}) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park', department: 'Sales' }]);
	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	await expect(form.field('Name')).toHaveValue('Ana Park');
	await form.fill({ Title: 'Lead' });

	const importTab = await context.newPage();
	const wizard = new ImportPage(importTab);
	await wizard.open();
	await wizard.upload(csv('staff.csv', 'User ID,Name,Department\nU1,Ana Imported,Research\n'));
	await wizard.radio('Overwrite user data', 'Overwrite with CSV').check();
	await wizard.settled();
	await wizard.importAndWait();
	await wizard.expectCounts(1, 0);

	await expect(form.save).toBeEnabled();
	await form.save.click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'since you opened this form' })
	).toContainText(
		'Name and Department were changed by the import of staff.csv since you opened this form, so nothing was saved.'
	);
	await expect(form.field('Department')).toHaveAccessibleDescription(/Now: “Research”/);
	await page.getByRole('button', { name: 'Load current values' }).click();
	await expect(form.field('Name')).toHaveValue('Ana Imported');
	await expect(form.field('Department')).toHaveValue('Research');
	await expect(form.field('Title')).toHaveValue('Lead');
	await form.save.click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await page.reload();
	await expect(form.field('Name')).toHaveValue('Ana Imported');
	await expect(form.field('Department')).toHaveValue('Research');
	await expect(form.field('Title')).toHaveValue('Lead');
});

test('a form nobody typed in follows a save from another tab', async ({ page, context }) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }]);
	await page.goto('/users/U1');
	const a = new UserFormPage(page);
	await expect(a.field('Name')).toHaveValue('Ana Park');

	const other = await context.newPage();
	await other.goto('/users/U1');
	const b = new UserFormPage(other);
	await b.fill({ Name: 'Bea Park', Title: 'Lead' });
	await b.save.click();
	await expect(other.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await expect(a.field('Name')).toHaveValue('Bea Park');
	await expect(a.field('Title')).toHaveValue('Lead');
	await expect(page.getByText('Changed since you opened this form')).toHaveCount(0);
	await a.fill({ Department: 'Ops' });
	await a.save.click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

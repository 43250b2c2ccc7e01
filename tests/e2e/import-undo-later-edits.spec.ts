import { expect, test } from './site';
import { ImportPage } from './pages/import';
import { UserFormPage } from './pages/user-form';
import { UsersPage } from './pages/users';

test('Undo leaves a user edited by hand after the import as it is, says so first, and lists it', async ({
	page,
	context
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'staff.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('User ID,Name,Card ID\nU1,Ana Park,501\nU2,Bo Lee,502\nU3,Cy Diaz,503\n')
	});
	await wizard.importAndWait();
	await wizard.expectCounts(3, 0);

	// In another tab, after the import: Ana is edited by hand.
	const other = await context.newPage();
	await other.goto('/users/U1');
	const form = new UserFormPage(other);
	await expect(form.field('Name')).toHaveValue('Ana Park');
	await form.fill({ Name: 'Ana Edited', Department: 'Ops' });
	await form.save.click();
	await expect(other.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await page.getByRole('button', { name: 'Undo import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
	await expect(dialog).toContainText(
		'Users and cards changed since the import (edited, deleted, a card issued or revoked) are left as they are, and listed when the undo is done.'
	);
	await dialog.getByRole('button', { name: 'Undo the import' }).click();

	await expect(page.getByText('was undone, except for the records below')).toBeVisible();
	await expect(page.getByRole('heading', { name: '1 record was left as it is' })).toBeVisible();
	await expect(
		page.getByRole('list', { name: 'Left as they are' }).getByRole('listitem')
	).toHaveText(['Ana Edited (U1): changed since the import']);

	// The list survives a reload: it is kept in the session.
	await page.reload();
	await expect(page.getByRole('heading', { name: '1 record was left as it is' })).toBeVisible();

	const users = new UsersPage(page);
	await users.open();
	await expect(users.row('Ana Edited')).toContainText('U1');
	await expect(users.counts).toHaveText('1 users');
	await page.goto('/users/U1');
	await expect(new UserFormPage(page).field('Department')).toHaveValue('Ops');
	await expect(new UserFormPage(page).card('501')).toBeVisible();
});

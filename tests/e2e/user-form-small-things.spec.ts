import { expect, test } from './site';
import { watchConsole } from './console-watch';
import { UserFormPage } from './pages/user-form';
import { holdImport, seed } from './pages/users';

const ANA = {
	id: 'U1',
	name: 'Ana Park',
	email: 'ana@x.org',
	phone: '+1 555 0100',
	phoneDigits: '15550100'
};

test('Save judges every field at once: the rules and each duplicate, under its own field', async ({
	page
}) => {
	const problems = watchConsole(page);
	await page.goto('/users');
	await seed(page, [ANA, { id: 'U000041', name: 'Bo Lee' }]);
	await page.goto('/users/new');
	const form = new UserFormPage(page);
	const userIdError = page.locator('#userId-error');
	const emailError = page.locator('#email-error');
	const phoneError = page.locator('#phone-error');

	// A bad phone no longer hides the taken User ID and email.
	await form.fill({ 'User ID': 'U1', Name: 'Cy Doe', Email: 'ANA@x.org', Phone: 'x' });
	await form.save.click();
	await expect(userIdError).toHaveText('User ID "U1" is already used by user U1 (Ana Park).');
	await expect(emailError).toHaveText('Email "ana@x.org" already belongs to user U1 (Ana Park).');
	await expect(phoneError).toContainText('Phone');
	await expect(form.field('Email')).toHaveAttribute('aria-invalid', 'true');

	// Every field obeys its rule now: the write transaction reports all three conflicts together.
	await form.fill({ Phone: '+1 (555) 0100' });
	await form.save.click();
	await expect(phoneError).toHaveText('Phone "+1 555 0100" already belongs to user U1 (Ana Park).');
	await expect(userIdError).toBeVisible();
	await expect(emailError).toBeVisible();

	// A blank User ID takes the next free number, as the hint says.
	await expect(page.locator('#userId-hint')).toHaveText(
		'1–32 letters, digits, - _ or . (blank: the next free ID, e.g. U000042)'
	);
	await form.fill({ 'User ID': '', Email: 'cy@x.org', Phone: '+1 555 0199' });
	await form.save.click();
	await expect(page).toHaveURL(/\/users\/U000042$/);
	expect(problems).toEqual([]);
});

test('during an import in another tab the form and card fields are read-only, with the reason once', async ({
	page
}) => {
	await page.goto('/users');
	await seed(page, [ANA], [{ number: '77', userId: 'U1' }]);
	const endImport = await holdImport(page);
	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	const reason = page.getByText(
		"Import in progress (big.csv): users can't be edited until it finishes"
	);
	await expect(reason).toHaveCount(1);
	await expect(page.getByTestId('lock-notice')).toHaveCount(1); // the one reason for the page
	await expect(form.save).toBeDisabled();
	for (const label of ['Name', 'Email', 'Phone', 'User type', 'Department', 'Title'] as const) {
		const field = form.field(label);
		await expect(field, label).toBeEnabled(); // readable and focusable, not disabled
		await expect(field, label).not.toBeEditable();
	}
	await expect(form.field('Name')).toHaveValue('Ana Park');
	await expect(form.field('User type')).toHaveValue('Employee');
	await form.field('Email').focus();
	await expect(form.field('Email')).toBeFocused();
	await page.keyboard.type('zz');
	await expect(form.field('Email')).toHaveValue('ana@x.org');
	const register = page.getByRole('form', { name: 'Register a card' });
	for (const label of ['Card ID', 'Card start date', 'Card end date']) {
		await expect(register.getByLabel(label, { exact: true }), label).not.toBeEditable();
	}

	await endImport();
	await page.reload();
	await expect(reason).toHaveCount(0);
	await expect(form.field('Name')).toBeEditable();
	await expect(form.field('User type')).toBeEditable();
	await expect(register.getByLabel('Card ID', { exact: true })).toBeEditable();
});

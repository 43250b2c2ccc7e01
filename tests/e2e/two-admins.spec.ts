import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { UserFormPage } from './pages/user-form';
import { UsersPage } from './pages/users';

/** Creates a user through the New user form and waits for their page. */
async function createUser(page: Page, id: string, name: string): Promise<void> {
	await page.goto('/users/new');
	const form = new UserFormPage(page);
	await form.fill({ 'User ID': id, Name: name });
	await form.save.click();
	await expect(page).toHaveURL(new RegExp(`/users/${id}$`));
}

test('what one admin creates another sees within a second, without reloading', async ({
	page,
	site,
	browser
}) => {
	const other = await site.signedInPage(browser);
	await other.goto('/users');
	const list = new UsersPage(other);
	await expect(other.getByText('No users yet', { exact: false }).or(list.table)).toBeVisible();

	await createUser(page, 'U1', 'Ana Park');
	await expect(list.table.getByRole('link', { name: 'Ana Park' })).toBeVisible({ timeout: 1_000 });
});

test('two admins creating the same User ID at once: exactly one wins, the other is told who has it', async ({
	page,
	site,
	browser
}) => {
	const other = await site.signedInPage(browser);
	const forms = [
		{ page, name: 'Ana Park' },
		{ page: other, name: 'Bo Lee' }
	];
	for (const { page: p, name } of forms) {
		await p.goto('/users/new');
		await new UserFormPage(p).fill({ 'User ID': 'U7', Name: name });
	}
	await Promise.all(forms.map(({ page: p }) => new UserFormPage(p).save.click()));

	const outcome = async (p: Page) => {
		await expect(
			p
				.getByRole('alert')
				.filter({ hasText: 'is already used by' })
				.or(p.getByRole('heading', { level: 1 }).filter({ hasNotText: 'New user' }))
		).toBeVisible();
		return p.url().endsWith('/users/U7') ? 'won' : 'lost';
	};
	const outcomes = [await outcome(page), await outcome(other)];
	expect([...outcomes].sort()).toEqual(['lost', 'won']);
	const winner = outcomes[0] === 'won' ? forms[0] : forms[1];
	const loser = forms.find((form) => form !== winner);
	if (!winner || !loser) throw new Error('one form each');
	await expect(loser.page.getByRole('alert').filter({ hasText: 'is already used by' })).toHaveText(
		`User ID "U7" is already used by user U7 (${winner.name}).`
	);
	// The loser keeps what they typed, and the site holds the winner only.
	await expect(new UserFormPage(loser.page).field('Name')).toHaveValue(loser.name);
	await loser.page.goto('/users/U7');
	await expect(new UserFormPage(loser.page).field('Name')).toHaveValue(winner.name);
});

test('an edit made offline waits in the outbox, then reaches the other admin once back online', async ({
	page,
	site,
	browser
}) => {
	await createUser(page, 'U1', 'Ana Park');
	const other = await site.signedInPage(browser);
	// Playwright's offline mode does not reach a SharedWorker: this admin's tab runs the site
	// worker's dedicated-Worker fallback, which it does reach.
	await other.context().addInitScript(() => {
		Reflect.deleteProperty(globalThis, 'SharedWorker');
	});
	await other.goto('/users/U1');
	const b = new UserFormPage(other);
	await expect(b.field('Name')).toHaveValue('Ana Park');

	await other.context().setOffline(true);
	await b.fill({ Name: 'Ana Maria Park' });
	await b.save.click();
	await expect(other.getByRole('status').filter({ hasText: 'waiting to be sent' })).toHaveText(
		'1 change waiting to be sent'
	);
	// This admin's replica shows the edit at once; the other admin does not have it yet.
	await expect(other.getByRole('heading', { level: 1 })).toHaveText('Ana Maria Park');
	await expect(new UserFormPage(page).field('Name')).toHaveValue('Ana Park');

	await other.context().setOffline(false);
	await expect(other.getByRole('status').filter({ hasText: 'waiting to be sent' })).toHaveCount(0);
	await expect(new UserFormPage(page).field('Name')).toHaveValue('Ana Maria Park');
});

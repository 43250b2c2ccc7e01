import type { Browser, Page } from '@playwright/test';
import { expect, OWNER, test, type TestSite } from './site';
import { UserFormPage } from './pages/user-form';

/** Card changes on the user page reach the site server, and every admin's screen, at once. */

const seedAnaWithCard = (site: TestSite) =>
	site.seed([{ id: 'U1', name: 'Ana Park' }], [{ number: '1001', userId: 'U1' }]);

/** The owner (`page`) and a second admin both on Ana's page, each with card 1001 in view. */
async function bothOnAnasCard(page: Page, site: TestSite, browser: Browser) {
	await seedAnaWithCard(site);
	const other = await site.signedInPage(browser);
	for (const p of [page, other]) await p.goto('/users/U1');
	return {
		other,
		mine: new UserFormPage(page).card('1001'),
		theirs: new UserFormPage(other).card('1001')
	};
}

test('a card one admin issues, revokes or re-dates shows on another admin’s page within a second', async ({
	page,
	site,
	browser
}) => {
	const { other, mine, theirs } = await bothOnAnasCard(page, site, browser);
	await expect(theirs).toContainText('Registered');

	await mine.getByRole('button', { name: 'Issue' }).click();
	await expect(theirs).toContainText('Issued', { timeout: 1_000 });
	await mine.getByRole('button', { name: 'Revoke' }).click();
	await expect(theirs).toContainText('Revoked', { timeout: 1_000 });
	await mine.getByRole('button', { name: 'Change dates' }).click();
	await mine.getByLabel('Valid to').fill('2027-06-30');
	await mine.getByRole('button', { name: 'Save dates' }).click();
	await expect(theirs).toContainText('2026-01-01 – 2027-06-30', { timeout: 1_000 });

	// The server holds it: a fresh load of the other admin's page shows the same card.
	await other.reload();
	await expect(new UserFormPage(other).card('1001')).toContainText('Revoked');
	await expect(new UserFormPage(other).card('1001')).toContainText('2026-01-01 – 2027-06-30');
});

test('dates saved over a card another admin changed meanwhile are refused, naming them, and stay typed', async ({
	page,
	site,
	browser
}) => {
	const { other, mine, theirs } = await bothOnAnasCard(page, site, browser);

	// The other admin opens the dates of the card as it is now…
	await theirs.getByRole('button', { name: 'Change dates' }).click();
	await theirs.getByLabel('Valid to').fill('2028-12-31');
	// …while the owner revokes it.
	await mine.getByRole('button', { name: 'Revoke' }).click();
	await expect(theirs).toContainText('Revoked', { timeout: 1_000 });

	await theirs.getByRole('button', { name: 'Save dates' }).click();
	await expect(other.getByRole('alert').filter({ hasText: 'was changed by' })).toHaveText(
		`Card 1001 was changed by ${OWNER.name} (its status) since you looked at it, so nothing was saved. Check the card as it is now and try again.`
	);
	await expect(theirs.getByLabel('Valid to')).toHaveValue('2028-12-31');
	await expect(theirs).toContainText('2026-01-01 – 2026-12-31');

	// Saving again, having seen the message, is a decision over the card as it is now.
	await theirs.getByRole('button', { name: 'Save dates' }).click();
	await expect(mine).toContainText('2026-01-01 – 2028-12-31', { timeout: 1_000 });
	await expect(mine).toContainText('Revoked');
});

test('new dates saved offline and refused once back online bring the admin back to what they typed', async ({
	page,
	site,
	browser
}) => {
	await seedAnaWithCard(site);
	const other = await site.signedInPage(browser);
	// Playwright's offline mode does not reach a SharedWorker: this admin's tab runs the site
	// worker's dedicated-Worker fallback, which it does reach.
	await other.context().addInitScript(() => {
		Reflect.deleteProperty(globalThis, 'SharedWorker');
	});
	for (const p of [page, other]) await p.goto('/users/U1');
	const theirs = new UserFormPage(other).card('1001');
	await expect(theirs).toContainText('Registered');

	await other.context().setOffline(true);
	await theirs.getByRole('button', { name: 'Change dates' }).click();
	await theirs.getByLabel('Valid to').fill('2028-12-31');
	await theirs.getByRole('button', { name: 'Save dates' }).click();
	await expect(theirs).toContainText('2026-01-01 – 2028-12-31');
	await expect(other.getByRole('status').filter({ hasText: 'waiting to be sent' })).toHaveText(
		'1 change waiting to be sent'
	);
	await new UserFormPage(page).card('1001').getByRole('button', { name: 'Revoke' }).click();
	await other.getByRole('link', { name: '← Users' }).click();

	await other.context().setOffline(false);
	const refused = other.getByRole('alert').filter({ hasText: 'was refused' });
	await expect(refused).toContainText(
		`Card 1001 was changed by ${OWNER.name} (its status) since you looked at it`
	);
	await refused.getByRole('link', { name: 'Back to the form' }).click();
	await expect(other).toHaveURL(/\/users\/U1$/);
	const back = new UserFormPage(other).card('1001');
	await expect(back.getByLabel('Valid to')).toHaveValue('2028-12-31');
	await expect(back).toContainText('Revoked');
	await expect(back).toContainText('2026-01-01 – 2026-12-31');
	await expect(other.getByRole('alert').filter({ hasText: 'was changed by' })).toHaveCount(1);
});

import { expect, test } from '@playwright/test';
import { CardsPage } from './pages/cards';
import { UserFormPage } from './pages/user-form';
import { seed } from './pages/users';

test('register cards typed in decimal and in hexadecimal, issue, revoke, change dates', async ({
	page
}) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }]);
	await page.goto('/users/U1');
	const form = new UserFormPage(page);

	await form.registerCard('123456789012345678', 'Decimal');
	await expect(form.card('123456789012345678')).toContainText('Registered');
	// 56-bit CSN in hex: beyond 2^53, kept exact, and shown as it was typed.
	await form.registerCard('0x04A1B2C3D4E5F6', 'Hexadecimal');
	await expect(form.card('04A1B2C3D4E5F6')).toBeVisible();

	const card = form.card('123456789012345678');
	await card.getByRole('button', { name: 'Issue' }).click();
	await expect(card).toContainText('Issued');
	await card.getByRole('button', { name: 'Revoke' }).click();
	await expect(card).toContainText('Revoked');

	await card.getByRole('button', { name: 'Change dates' }).click();
	await card.getByLabel('Valid from').fill('2026-02-01');
	await card.getByLabel('Valid to').fill('2026-01-01');
	await card.getByRole('button', { name: 'Save dates' }).click();
	await expect(card.getByRole('alert')).toContainText('is before');
	await card.getByLabel('Valid to').fill('2027-02-01');
	await card.getByRole('button', { name: 'Save dates' }).click();
	await expect(card).toContainText('2026-02-01 – 2027-02-01');

	// Bad input is refused with the import's message.
	await form.registerCard('12AB', 'Decimal');
	await expect(
		page.getByRole('alert').filter({ hasText: 'Card ID "12AB" is not a decimal number' })
	).toBeVisible();

	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.counts).toHaveText('2 cards');
	await expect(cards.rows.filter({ hasText: '123456789012345678' })).toContainText('Revoked');
	await expect(cards.rows.filter({ hasText: '123456789012345678' })).toContainText('Ana Park');
});

test('a card held by another user is refused and the holder is named', async ({ page }) => {
	await page.goto('/users');
	await seed(
		page,
		[
			{ id: 'U1', name: 'Ana Park' },
			{ id: 'U2', name: 'Bo Lee' }
		],
		[{ number: '255', userId: 'U1' }]
	);
	await page.goto('/users/U2');
	const form = new UserFormPage(page);
	await form.registerCard('FF', 'Hexadecimal');
	await expect(
		page.getByRole('alert').filter({ hasText: 'already registered to user U1 (Ana Park)' })
	).toBeVisible();
	await expect(form.cards).toHaveCount(0);
});

test('the cards list searches by decimal or hex number and by holder, and filters by status', async ({
	page
}) => {
	await page.goto('/users');
	await seed(
		page,
		[
			{ id: 'U1', name: 'Ana Park' },
			{ id: 'U2', name: 'Bo Lee' }
		],
		[
			{ number: '4660', userId: 'U1', status: 'issued' },
			{ number: '1000', userId: 'U1' },
			{ number: '72057594037927935', userId: 'U2', status: 'revoked' }
		]
	);
	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.counts).toHaveText('3 cards');

	await cards.search.fill('466');
	await expect.poll(() => cards.numbers()).toEqual(['4660']);
	await cards.search.fill('0x1234'); // 4660 in hexadecimal
	await expect.poll(() => cards.numbers()).toEqual(['4660']);
	await cards.search.fill('0xffffffff'); // prefix of 0xFFFFFFFFFFFFFF
	await expect.poll(() => cards.numbers()).toEqual(['72057594037927935']);
	await cards.search.fill('bo');
	await expect.poll(() => cards.numbers()).toEqual(['72057594037927935']);
	await cards.search.fill('');
	await cards.status.selectOption('issued');
	await expect.poll(() => cards.numbers()).toEqual(['4660']);
	await cards.status.selectOption('all');

	// Cards stored without the form they were entered in show as decimal, whatever Settings says.
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'Hexadecimal', exact: true }).check();
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	await cards.open();
	await expect.poll(() => cards.numbers()).toContain('72057594037927935');
	await expect.poll(() => cards.numbers()).toContain('4660');
});

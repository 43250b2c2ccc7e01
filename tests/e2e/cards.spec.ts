import { expect, test } from './site';
import { CardsPage } from './pages/cards';
import { UserFormPage } from './pages/user-form';
import { holdImport, seed } from './pages/users';

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

test('Remove card asks first, and says what removing an issued card does', async ({ page }) => {
	await page.goto('/users');
	await seed(
		page,
		[{ id: 'U1', name: 'Ana Park' }],
		[
			{ number: '123', userId: 'U1', status: 'issued' },
			{ number: '456', userId: 'U1' }
		]
	);
	await page.goto('/users/U1');
	const form = new UserFormPage(page);

	await form.card('123').getByRole('button', { name: 'Remove card' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove card 123?' });
	await expect(dialog).toContainText('Card 123 is issued. Removing it deletes it from Roster');
	await expect(dialog).toContainText('its number can be registered to someone else');
	await expect(dialog).toContainText("If the card is still in someone's hands, revoke it instead");
	// Going back, or Escape, removes nothing.
	await dialog.getByRole('button', { name: 'Go back' }).click();
	await expect(dialog).toBeHidden();
	await form.card('123').getByRole('button', { name: 'Remove card' }).click();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await page.reload();
	await expect(form.card('123')).toContainText('Issued');

	await form.card('123').getByRole('button', { name: 'Remove card' }).click();
	await dialog.getByRole('button', { name: 'Remove from Roster' }).click();
	await expect(form.card('123')).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 2, name: 'Cards', exact: true })).toBeFocused();
	await page.reload();
	await expect(form.card('456')).toBeVisible();
	await expect(form.card('123')).toHaveCount(0);

	// A card not issued yet says so.
	await form.card('456').getByRole('button', { name: 'Remove card' }).click();
	await expect(page.getByRole('dialog', { name: 'Remove card 456?' })).toContainText(
		'Card 456 is registered and not issued.'
	);
});

test('the cards list issues the selected registered cards in bulk, by mouse or keyboard', async ({
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
			{ number: '1001', userId: 'U1' },
			{ number: '1002', userId: 'U1' },
			{ number: '1003', userId: 'U2' },
			{ number: '2001', userId: 'U2', status: 'issued' },
			{ number: '3001', userId: 'U2', status: 'revoked' }
		]
	);
	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.issueSelected).toBeDisabled();

	await cards.status.selectOption('registered');
	await expect.poll(() => cards.numbers()).toEqual(['1001', '1002', '1003']);
	await cards.selectAllShown.check();
	await expect(cards.selectedCount).toHaveText('3 cards selected');
	await expect(cards.select('1002')).toBeChecked();
	// One row deselected from the keyboard: the header says some, not all, are selected.
	await cards.select('1002').focus();
	await page.keyboard.press('Space');
	await expect(cards.select('1002')).not.toBeChecked();
	await expect(cards.selectedCount).toHaveText('2 cards selected');
	await expect(cards.selectAllShown).not.toBeChecked();
	await expect(cards.selectAllShown).toHaveJSProperty('indeterminate', true);

	await cards.issueSelected.click();
	await expect(cards.report).toHaveText('Issued 2 cards.');
	await expect(cards.selectedCount).toHaveText('0 cards selected');
	await expect.poll(() => cards.numbers()).toEqual(['1002']);
	await cards.status.selectOption('issued');
	await expect.poll(() => cards.numbers()).toEqual(['1001', '1003', '2001']);

	// Issued and revoked cards in a selection stay as they are, and the report says why.
	await cards.status.selectOption('all');
	await cards.select('2001').check();
	await cards.select('3001').check();
	await cards.issueSelected.click();
	await expect(cards.report).toHaveText(
		"Issued 0 cards. 1 was already issued. 1 was revoked and not issued: issue a revoked card again from its holder's page."
	);
	await expect(cards.rows.filter({ hasText: '3001' })).toContainText('Revoked');

	// An import this tab has not heard of yet (a raw write tells no tab): the write itself is
	// refused, nothing changes and the selection stays for another try.
	await cards.select('1002').check();
	const release = await holdImport(page);
	await cards.issueSelected.click();
	await expect(page.getByRole('alert')).toContainText('Import in progress (big.csv)');
	await expect(cards.selectedCount).toHaveText('1 card selected');
	await expect(cards.rows.filter({ hasText: '1002' })).toContainText('Registered');
	// A tab that knows of the import (here after a reload) waits for it.
	await cards.open();
	await cards.select('1002').check();
	await expect(cards.issueSelected).toBeDisabled();
	await expect(page.getByText('Cards can be issued once the import has finished.')).toBeVisible();
	await release();
	await cards.open();
	await cards.select('1002').check();
	await cards.issueSelected.click();
	await expect(cards.report).toHaveText('Issued 1 card.');
});

test('select all shown issues thousands of registered cards in one go', async ({ page }) => {
	const total = 3000;
	await page.goto('/users');
	await seed(
		page,
		[{ id: 'U1', name: 'Ana Park' }],
		Array.from({ length: total }, (_, i) => ({ number: String(100_000 + i), userId: 'U1' }))
	);
	const cards = new CardsPage(page);
	await cards.open();
	await cards.status.selectOption('registered');
	await expect(cards.counts).toHaveText('3,000 of 3,000 cards');
	await cards.selectAllShown.check();
	await expect(cards.selectedCount).toHaveText('3,000 cards selected');
	await cards.issueSelected.click();
	await expect(cards.report).toHaveText('Issued 3,000 cards.');
	await expect(cards.counts).toHaveText('0 of 3,000 cards');
	await cards.status.selectOption('issued');
	await expect(cards.counts).toHaveText('3,000 of 3,000 cards');
});

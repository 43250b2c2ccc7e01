import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { CardsPage } from './pages/cards';
import { PrintPage } from './pages/continue';
import { ImportPage, parseCsv } from './pages/import';
import { SettingsPage } from './pages/settings';
import { UserFormPage } from './pages/user-form';

// 0xD23F0824 = 3527346212, 0xE8E25D94 = 3907149204, 0x4000037 = 67108919.
const HEX_CARDS = 'User ID,Name,Card ID\nU1,Ana Park,D23F0824\nU2,Bo Lee,E8E25D94\n';
const DECIMAL_CARDS = 'User ID,Name,Card ID\nU3,Chris Lee,4000037\nU4,Dana Kim,4000038\n';
const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

async function importHexCards(page: Page, wizard: ImportPage): Promise<void> {
	await wizard.open();
	await wizard.upload(csv('hex.csv', HEX_CARDS));
	await wizard.apply({ cardIdType: 'Hexadecimal' });
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
}

test('every new file starts from the Settings Card ID type, and decimal cards read as hex are warned about', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await importHexCards(page, wizard);
	await wizard.complete();

	await wizard.upload(csv('decimal.csv', DECIMAL_CARDS));
	// Settings says Decimal; the last import's Hexadecimal is not carried over.
	await expect(wizard.radio('Card ID type', 'Decimal')).toBeChecked();
	const warning = page.getByRole('note', { name: 'Check the Card ID type' });
	await expect(warning).toHaveCount(0);

	await wizard.apply({ cardIdType: 'Hexadecimal' });
	await expect(
		page.getByText(
			'will create 2 users, 2 cards; update 0 users, 0 cards; keep 0 users, 0 cards; fail 0 rows'
		)
	).toBeVisible();
	await expect(warning).toHaveText(
		'Every card ID in this file is made of decimal digits, but Card ID type is Hexadecimal: 4000037 would be stored as 67108919. Choose Decimal if these are decimal numbers.'
	);
	await wizard.apply({ cardIdType: 'Decimal' });
	await expect(warning).toHaveCount(0);
});

test('a card keeps the form it was entered in: user page, Cards, print, messages, export; search finds either form', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await importHexCards(page, wizard);
	const { text } = await wizard.download('succeeded');
	// Card ID is the last field, before the Cards column.
	expect(parseCsv(text).map((row) => row.at(-2))).toEqual(['Card ID', 'D23F0824', 'E8E25D94']);

	// The user page, in the form of the file (Settings still says Decimal).
	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	const card = form.card('D23F0824');
	await expect(card).toBeVisible();
	await card.getByRole('button', { name: 'Issue' }).click();
	await expect(card).toContainText('Issued');

	// Typed again in hex for another user: the message names the card as typed.
	await page.goto('/users/U1');
	await form.registerCard('e8e25d94', 'Hexadecimal');
	await expect(
		page.getByRole('alert').filter({ hasText: 'Card E8E25D94 is already registered to' })
	).toContainText('Bo Lee');
	// A card registered on the page keeps the form it was typed in.
	await form.registerCard('0x00ab12', 'Hexadecimal');
	await expect(form.card('00AB12')).toBeVisible();

	// Printed as entered.
	await page.getByRole('link', { name: 'Print card' }).click();
	const sheet = new PrintPage(page);
	await expect(sheet.face('Ana Park')).toContainText('D23F0824');
	await expect(sheet.face('Ana Park')).not.toContainText('3527346212');

	// Cards shows each card as entered; search finds it by that form and by its decimal value.
	const cards = new CardsPage(page);
	await cards.open();
	await expect
		.poll(async () => (await cards.numbers()).sort())
		.toEqual(['00AB12', 'D23F0824', 'E8E25D94']);
	await cards.search.fill('3527346212');
	await expect.poll(() => cards.numbers()).toEqual(['D23F0824']);
	await cards.search.fill('e8e2');
	await expect.poll(() => cards.numbers()).toEqual(['E8E25D94']);

	// The users export writes each card as entered.
	const settings = new SettingsPage(page);
	await settings.open();
	const exported = await settings.download(settings.exportUsers);
	const cardColumn = parseCsv(exported.text).map((row) => row[8]);
	expect(cardColumn).toEqual(['Card ID', '00AB12', 'D23F0824', 'E8E25D94']);
});

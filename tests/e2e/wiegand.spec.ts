import { expect, test } from './site';
import { CardsPage } from './pages/cards';
import { PrintPage } from './pages/continue';
import { SettingsPage } from './pages/settings';
import { ImportPage, parseCsv } from './pages/import';
import { UserFormPage } from './pages/user-form';

const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

// Facility code 300 does not fit the 8 bits of H10301.
const WIEGAND_26 =
	'User ID,Name,facility_code,card_number\n' +
	'W1,Ana Park,17,1037\n' +
	'W2,Bo Lee,300,1038\n' +
	'W3,Chris Lee,17,1039\n';

test('a 26-bit Wiegand file: the out-of-range row fails with the range, the rest import, are found by their parts and round-trip through the users export', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(csv('wiegand-26.csv', WIEGAND_26));
	expect(await wizard.mappedHeader('Facility code')).toBe('facility_code');
	expect(await wizard.mappedHeader('Card number')).toBe('card_number');
	expect(await wizard.mappedHeader('Card ID')).toBe('None');

	// Still CSN: the preview says a Wiegand format is to be chosen.
	await expect(wizard.preview).toContainText('but the card format is CSN');
	await wizard.radio('Card format', 'H10301 (26-bit)').check();
	await wizard.settled();
	// The preview shows what will be stored: the format chosen, beside the parts.
	await expect(
		wizard.preview.getByRole('row', { name: '2 New user W1 Ana Park H10301 17 1037' })
	).toBeVisible();
	await expect(wizard.preview).toContainText(
		'Facility code 300 is out of range — H10301 (26-bit) takes 0–255'
	);

	await wizard.importAndWait();
	await wizard.expectCounts(2, 1);
	const failed = parseCsv((await wizard.download('failed')).text);
	expect(failed.slice(1).map((row) => [row[0], row.at(-1)])).toEqual([
		['W2', 'Facility code 300 is out of range — H10301 (26-bit) takes 0–255']
	]);
	// The succeeded file says the format and the parts, as the template writes them.
	const succeeded = parseCsv((await wizard.download('succeeded')).text);
	expect(succeeded[0]).toEqual(
		expect.arrayContaining(['Card format', 'Facility code', 'Card number'])
	);
	const at = (label: string) => succeeded[0]!.indexOf(label);
	expect(
		succeeded
			.slice(1)
			.map((row) => [row[at('Card format')], row[at('Facility code')], row[at('Card number')]])
	).toEqual([
		['H10301', '17', '1037'],
		['H10301', '17', '1039']
	]);

	const cards = new CardsPage(page);
	await cards.open();
	await expect.poll(() => cards.numbers()).toEqual(['FC 17 · 1037', 'FC 17 · 1039']);
	await cards.search.fill('17/1037');
	await expect.poll(() => cards.numbers()).toEqual(['FC 17 · 1037']);
	await cards.search.fill('17:1039');
	await expect.poll(() => cards.numbers()).toEqual(['FC 17 · 1039']);
	await cards.search.fill('FC 17');
	await expect.poll(() => cards.numbers()).toEqual(['FC 17 · 1037', 'FC 17 · 1039']);

	// The users export writes the format and parts, and imports back with no change.
	await wizard.open();
	await wizard.complete();
	const settings = new SettingsPage(page);
	await settings.open();
	const exported = await settings.download(settings.exportUsers);
	await wizard.open();
	await wizard.upload(exported.path);
	await expect(
		page.getByText(
			'2 data rows: this import will create 0 users, 0 cards; update 0 users, 0 cards; keep 2 users, 2 cards; fail 0 rows.'
		)
	).toBeVisible();
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
});

test('a card form adds a Wiegand card: the range is named, the card is listed and printed by its parts', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(csv('people.csv', 'User ID,Name\nU1,Dana Kim\nU2,Eli Park\n'));
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);

	await page.goto('/users/U1');
	const form = new UserFormPage(page);
	const register = page.getByRole('form', { name: 'Register a card' });
	await register.getByRole('combobox', { name: 'Card format' }).selectOption('H10304 (37-bit)');
	await register.getByLabel('Facility code', { exact: true }).fill('70000');
	await register.getByLabel('Card number', { exact: true }).fill('1037');
	await register.getByRole('button', { name: 'Register card' }).click();
	await expect(register.getByRole('alert')).toHaveText(
		'Facility code 70000 is out of range — H10304 (37-bit) takes 0–65,535'
	);
	await register.getByLabel('Facility code', { exact: true }).fill('17');
	await register.getByRole('button', { name: 'Register card' }).click();
	const card = form.card('FC 17 · 1037');
	await expect(card).toBeVisible();
	await card.getByRole('button', { name: 'Issue' }).click();
	await expect(card).toContainText('Issued');

	// The same parts in the same format are the same credential: taken.
	await page.goto('/users/U2');
	const other = page.getByRole('form', { name: 'Register a card' });
	await other.getByRole('combobox', { name: 'Card format' }).selectOption('H10304 (37-bit)');
	await other.getByLabel('Facility code', { exact: true }).fill('17');
	await other.getByLabel('Card number', { exact: true }).fill('1037');
	await other.getByRole('button', { name: 'Register card' }).click();
	await expect(other.getByRole('alert')).toContainText(
		'Card FC 17 · 1037 is already registered to'
	);
	// In another format they are another credential.
	await other.getByRole('combobox', { name: 'Card format' }).selectOption('H10301 (26-bit)');
	await other.getByRole('button', { name: 'Register card' }).click();
	await expect(form.card('FC 17 · 1037')).toBeVisible();

	await page.goto('/users/U1');
	await page.getByRole('link', { name: 'Print card' }).click();
	const sheet = new PrintPage(page);
	await expect(sheet.face('Dana Kim')).toContainText('FC 17 · 1037');
});

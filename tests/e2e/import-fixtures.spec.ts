import { expect, test } from './site';
import { EXPECTED, fixture, ImportPage } from './pages/import';

for (const [file, expected] of Object.entries(EXPECTED)) {
	test(`${file} imports with ${expected.succeeded} succeeded and ${expected.failed} failed`, async ({
		page
	}) => {
		const wizard = new ImportPage(page);
		await wizard.open();
		await wizard.expectStep('Upload CSV File');
		await wizard.upload(fixture(file));
		await wizard.apply(expected.settings);
		await wizard.importAndWait();
		await wizard.expectCounts(expected.succeeded, expected.failed);
	});
}

test('excel-semicolon-bom.csv: the semicolon is detected and every column is auto-mapped', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('excel-semicolon-bom.csv'));
	await expect(wizard.select('Delimiter')).toHaveValue(';');
	await expect(wizard.select('Encoding')).toHaveValue('utf-8');
	const expected = {
		'User ID': 'Employee No',
		Name: 'Full name',
		Email: 'E-mail',
		Phone: 'Mobile',
		Department: 'Dept',
		'Card ID': 'Card number',
		'Card start date': 'Valid from',
		'Card end date': 'Valid to',
		'User type': 'None',
		Title: 'None'
	} as const;
	for (const [field, header] of Object.entries(expected)) {
		expect(await wizard.mappedHeader(field as keyof typeof expected), field).toBe(header);
	}
	// The BOM is not part of the first header name, and the preview shows stored values.
	await expect(wizard.preview.getByRole('cell', { name: 'Viktor Müller' })).toBeVisible();
});

test('euc-kr.csv: the Korean header reads right in EUC-KR and is auto-mapped', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('euc-kr.csv'));
	if ((await wizard.select('Encoding').inputValue()) !== 'euc-kr') {
		await wizard.select('Encoding').selectOption('euc-kr');
		await wizard.settled();
	}
	await expect(wizard.select('Encoding')).toHaveValue('euc-kr');
	expect(await wizard.mappedHeader('User ID')).toBe('사용자 ID');
	expect(await wizard.mappedHeader('Name')).toBe('이름');
	expect(await wizard.mappedHeader('Email')).toBe('이메일');
	expect(await wizard.mappedHeader('Phone')).toBe('전화번호');
	expect(await wizard.mappedHeader('Department')).toBe('부서');
	expect(await wizard.mappedHeader('Card ID')).toBe('카드 번호');
	// Never decoded as UTF-8 with replacement characters.
	await expect(wizard.preview).not.toContainText('\uFFFD');
});

test('header-row-3.csv: with Header row 3 the columns below the title lines are mapped', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('header-row-3.csv'));
	await wizard.apply({ headerRow: 3 });
	expect(await wizard.mappedHeader('User ID')).toBe('ID');
	expect(await wizard.mappedHeader('Name')).toBe('Name');
	expect(await wizard.mappedHeader('Email')).toBe('Email');
	expect(await wizard.mappedHeader('Card ID')).toBe('Card');
	await expect(wizard.preview.getByRole('rowheader', { name: '4', exact: true })).toBeVisible();
	await expect(wizard.preview.getByRole('cell', { name: 'Viktor Ivanova' })).toBeVisible();
	await expect(
		page.getByText(
			'6 data rows: this import will create 6 users, 6 cards; update 0 users, 0 cards; keep 0 users, 0 cards; fail 0 rows'
		)
	).toBeVisible();
});

test('hex-cards.csv: Hexadecimal imports every card, Decimal fails every one', async ({ page }) => {
	const wizard = new ImportPage(page);
	const hex = EXPECTED['hex-cards.csv'];
	if (!hex?.asDecimal) throw new Error('expected.json has no asDecimal for hex-cards.csv');
	await wizard.open();
	await wizard.upload(fixture('hex-cards.csv'));
	await wizard.apply({ cardIdType: 'Decimal' });
	await expect(
		page.getByText(
			`will create 0 users, 0 cards; update 0 users, 0 cards; keep 0 users, 0 cards; fail ${hex.asDecimal.failed} rows`
		)
	).toBeVisible();
	await wizard.apply({ cardIdType: 'Hexadecimal' });
	await expect(
		page.getByText(
			`will create ${hex.succeeded} users, ${hex.succeeded} cards; update 0 users, 0 cards; keep 0 users, 0 cards; fail 0 rows`
		)
	).toBeVisible();
	await wizard.importAndWait();
	await wizard.expectCounts(hex.succeeded, 0);
});

test('without Card ID mapped, Configure says cards can then only be issued one at a time', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('users-basic.csv'));
	await expect(page.getByText('only be issued one at a time')).toHaveCount(0);
	await wizard.mapping('Card ID').selectOption({ label: 'None' });
	await expect(page.getByText('cards can then only be issued one at a time')).toBeVisible();
	await wizard.mapping('Name').selectOption({ label: 'None' });
	await expect(wizard.importButton).toBeDisabled();
	await wizard.mapping('Name').selectOption({ label: 'Name' });
	await wizard.settled();
	await expect(wizard.importButton).toBeEnabled();
});

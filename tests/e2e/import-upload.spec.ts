import { expect, test } from './site';
import { readFileSync } from 'node:fs';
import { ImportPage, parseCsv } from './pages/import';

test('Upload shows the notes of the brief and refuses bad files with a clear alert', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await expect(page.getByText('Save the CSV file in UTF-8')).toBeVisible();
	await expect(page.getByText('maximum file size is 5 MB')).toBeVisible();

	await wizard.fileInput.setInputFiles({
		name: 'empty.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(0)
	});
	await expect(page.getByRole('alert')).toContainText(/empty/i);
	await wizard.expectStep('Upload CSV File');

	await wizard.fileInput.setInputFiles({
		name: 'users.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])
	});
	await expect(page.getByRole('alert')).toContainText(/CSV/);

	const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
	await wizard.fileInput.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
	await expect(page.getByRole('alert')).toContainText(/5 MB/);
	await wizard.expectStep('Upload CSV File');
});

test('Download template gives the field columns; importing it unchanged creates one user', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download template' }).click()
	]);
	expect(download.suggestedFilename()).toBe('roster-template.csv');
	const path = await download.path();
	const text = readFileSync(path, 'utf8');
	expect(parseCsv(text)[0]).toEqual([
		'User ID',
		'Name',
		'Email',
		'Phone',
		'User type',
		'Department',
		'Title',
		'Image file name',
		'Card ID',
		'Card format',
		'Facility code',
		'Card number',
		'Card start date',
		'Card end date'
	]);
	await wizard.upload(path);
	await wizard.importAndWait();
	await wizard.expectCounts(1, 0);
});

test('a file dropped on the drop zone is opened', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	const transfer = await page.evaluateHandle(() => {
		const data = new DataTransfer();
		data.items.add(
			new File(['User ID,Name\n1,Ada Lovelace\n'], 'dropped.csv', { type: 'text/csv' })
		);
		return data;
	});
	await page.getByRole('group', { name: 'Drop the CSV file here' }).dispatchEvent('drop', {
		dataTransfer: transfer
	});
	await wizard.expectStep('Configure Data');
	await expect(page.getByText('dropped.csv')).toBeVisible();
});

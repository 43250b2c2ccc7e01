import { expect, test } from './site';
import { ImportPage, parseCsv } from './pages/import';
import { SettingsPage } from './pages/settings';

const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

test('no downloaded file lets a cell start a formula behind a space, an invisible or a full-width character', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv(
			'formulas.csv',
			[
				'User ID,Name,Email,Department,Title',
				'U1,＝1+1,,\u200b=1+1,\u200e-5',
				'U2, =1+1,bob@,\u3000=1+1,＋1',
				''
			].join('\n')
		)
	);
	await wizard.importAndWait();
	await wizard.expectCounts(1, 1);

	const succeeded = parseCsv((await wizard.download('succeeded')).text);
	expect(succeeded[1]).toEqual([
		'2',
		'created',
		'U1',
		"'＝1+1",
		'',
		"'\u200b=1+1",
		"'\u200e-5",
		''
	]);
	const failed = parseCsv((await wizard.download('failed')).text);
	expect(failed[1]?.slice(0, 5)).toEqual(['U2', "' =1+1", 'bob@', "'\u3000=1+1", "'＋1"]);

	const settings = new SettingsPage(page);
	await settings.open();
	const exported = parseCsv((await settings.download(settings.exportUsers)).text);
	expect(exported[1]?.slice(0, 7)).toEqual([
		'U1',
		"'＝1+1",
		'',
		'',
		'Employee',
		"'\u200b=1+1",
		"'\u200e-5"
	]);
});

test('a NUL byte after the first 64 KiB fails its row, with the field, the row and what to do', async ({
	page
}) => {
	const lines = ['User ID,Name,Department'];
	while (lines.join('\n').length < 64 * 1024 + 2000) {
		lines.push(`U${lines.length},Person ${lines.length},Sales`);
	}
	lines.push('LATE,Ana\u0000Nul,Sales');
	const row = lines.length;
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(csv('late-nul.csv', `${lines.join('\n')}\n`));
	await wizard.importAndWait();
	await wizard.expectCounts(row - 2, 1);

	const failed = parseCsv((await wizard.download('failed')).text);
	expect(failed[1]?.slice(0, 4)).toEqual(['LATE', 'Ana\u0000Nul', 'Sales', String(row)]);
	expect(failed[1]?.[4]).toBe(
		`Name "Ana␀Nul" holds an invisible control character (U+0000) at character 4 in row ${row}: delete it from the cell in your file (retype the text if you cannot see it) and import the row again`
	);
	await page.goto('/users');
	await page.getByRole('searchbox', { name: 'Search users' }).fill('Nul');
	await expect(page.getByText('No users match')).toBeVisible();
});

import { expect, test } from './site';
import { join } from 'node:path';
import { BAD_FILES } from '../../src/lib/import/testing/bad-files';
import { ImportPage } from './pages/import';

const BAD = join(process.cwd(), 'tests/fixtures/bad');
/** What each refusal must say: what is wrong, in the admin's words. */
const SAYS: Record<string, RegExp> = {
	FILE_EMPTY: /empty|no rows/i,
	FILE_NOT_TEXT: /not (text|a CSV)/i,
	FILE_IS_SPREADSHEET: /save it as CSV UTF-8/i
};

/** What the admin sees for each file of the corpus: a clear message, or results row by row. */
for (const [name, outcome] of Object.entries(BAD_FILES)) {
	test(`${name} ends in a clear message or per-row results`, async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		const wizard = new ImportPage(page);
		await wizard.open();
		await wizard.fileInput.setInputFiles(join(BAD, name));

		if ('refused' in outcome) {
			const alert = page.getByRole('alert').filter({ hasText: SAYS[outcome.refused] });
			await expect(alert).toBeVisible();
			await wizard.expectStep('Upload CSV File');
		} else if ('undecodable' in outcome) {
			await wizard.expectStep('Configure Data');
			const row = outcome.undecodable.row.toLocaleString('en');
			await expect(
				page.getByRole('alert').filter({ hasText: `not valid UTF-8 on row ${row}` })
			).toBeVisible();
		} else {
			await wizard.expectStep('Configure Data');
			await wizard.settled();
			await wizard.importAndWait();
			await wizard.expectCounts(outcome.succeeded, outcome.failed);
		}
		expect(errors).toEqual([]);
	});
}

import { expect, test } from './site';
import { writeFile } from 'node:fs/promises';
import { watchConsole } from './console-watch';
import { ImportPage } from './pages/import';
import { dumpWithFiles, SettingsPage } from './pages/settings';

const CARDS_CSV = {
	name: 'cards.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		['User ID,Name,Card ID', '1001,Ada One,5001', '1002,Bo Two,5002', ''].join('\n')
	)
};

/** The session's status and how many cards are issued, straight from the database. */
async function issuing(page: Parameters<typeof dumpWithFiles>[0]) {
	const { importSessions = [], cards = [] } = await dumpWithFiles(page);
	return {
		status: (importSessions[0] as { status?: string } | undefined)?.status,
		issued: cards.filter((card) => (card as { status?: string }).status === 'issued').length
	};
}

test('restoring a backup whose import was issuing cards, with the app open: it finishes by itself and unlocks', async ({
	page
}) => {
	const problems = watchConsole(page);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(CARDS_CSV);
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);

	// A real backup of the finished import, its session rewritten as a worker that died issuing.
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	const lines = backup.text.trimEnd().split('\n');
	const at = lines.findIndex((line) => line.includes('"table":"importSessions"'));
	expect(at).toBeGreaterThan(0);
	const entry = JSON.parse(lines[at]!) as { table: string; record: { status: string } };
	expect(entry.record.status).toBe('done');
	entry.record.status = 'issuing';
	lines[at] = JSON.stringify(entry);
	const cut = test.info().outputPath('issuing.json');
	await writeFile(cut, [...lines, ''].join('\n'));
	expect(await issuing(page)).toEqual({ status: 'done', issued: 0 });

	await settings.restore(cut);
	// Nobody holds the import lock: the supervisor sees the row and issues the rest.
	await expect
		.poll(() => issuing(page), { timeout: 30_000 })
		.toEqual({ status: 'done', issued: 2 });
	await page.goto('/users');
	await expect(page.getByRole('link', { name: 'New user' }).first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'New user' })).toHaveCount(0);
	expect(problems).toEqual([]);
});

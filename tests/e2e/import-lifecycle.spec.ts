import type { Browser, Page } from '@playwright/test';
import { expect, test } from './site';
import { ContinuePage } from './pages/continue';
import { generatedCsv, ImportPage } from './pages/import';

/** Counts straight from IndexedDB: the session's status, the users and the issued cards. */
function readCounts(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const ask = <T>(request: IDBRequest) =>
			new Promise<T>((resolve, reject) => {
				request.onsuccess = () => resolve(request.result as T);
				request.onerror = () => reject(new Error(String(request.error)));
			});
		const tx = db.transaction(['importSessions', 'users', 'cards'], 'readonly');
		const [sessions, users, cards] = await Promise.all([
			ask<{ status: string }[]>(tx.objectStore('importSessions').getAll()),
			ask<number>(tx.objectStore('users').count()),
			ask<{ status: string }[]>(tx.objectStore('cards').getAll())
		]);
		db.close();
		return {
			status: sessions[0]?.status,
			users,
			issued: cards.filter((card) => card.status === 'issued').length
		};
	});
}

/** Waits until the browser has no shared worker left: the import worker died with its last tab. */
async function sharedWorkerGone(browser: Browser | null): Promise<void> {
	if (!browser) throw new Error('No browser to ask.');
	const cdp = await browser.newBrowserCDPSession();
	await expect
		.poll(async () => {
			const { targetInfos } = (await cdp.send('Target.getTargets')) as {
				targetInfos: { type: string }[];
			};
			return targetInfos.filter((target) => target.type === 'shared_worker').length;
		})
		.toBe(0);
	await cdp.detach();
}

const USERS = 40_000;

test('Issue cards cut off by closing the only tab finishes when the app opens again: nothing stays locked', async ({
	context,
	browser
}) => {
	test.setTimeout(300_000);
	const page = await context.newPage();
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({ name: 'cards.csv', mimeType: 'text/csv', buffer: generatedCsv(USERS) });
	await wizard.importButton.click();
	await expect(wizard.succeeded(USERS)).toBeVisible({ timeout: 180_000 });

	await new ContinuePage(page).issue();
	// Close the tab once the first batch of cards is issued and most are not.
	await expect
		.poll(async () => (await readCounts(page)).issued, { timeout: 60_000, intervals: [50] })
		.toBeGreaterThan(0);
	const cut = await readCounts(page);
	await page.close();
	await sharedWorkerGone(browser);
	expect(cut.status).toBe('issuing');
	expect(cut.issued).toBeLessThan(USERS);

	// Reopened, the app finishes what the dead worker began, and every screen unlocks.
	const again = await context.newPage();
	await again.goto('/users');
	await expect(
		again.getByText(/Finishing issuing the cards of the import of cards\.csv/)
	).toBeVisible();
	await expect
		.poll(async () => readCounts(again), { timeout: 120_000 })
		.toEqual({ status: 'done', users: USERS, issued: USERS });
	await expect(again.getByRole('alert').filter({ hasText: 'Import in progress' })).toHaveCount(0);
	await expect(again.getByRole('link', { name: 'New user' })).toBeVisible();

	const results = new ImportPage(again);
	await results.open();
	await results.expectStep('Continue Task');
	await expect(again.getByRole('button', { name: 'Undo import' })).toBeEnabled();
	await expect(results.completeButton).toBeEnabled();
	await expect(new ContinuePage(again).issueButton).toBeEnabled();
});

/** Users with card IDs, one of them with a Latin-1 "é" (one byte, 0xE9) in an otherwise UTF-8 file. */
function fileWithBadByteAt(rows: number, badRow: number): { buffer: Buffer; offset: number } {
	const head = Buffer.from(
		['User ID,Name,Card ID']
			.concat(
				Array.from({ length: badRow - 2 }, (_, i) => `${100000 + i},Person ${i},${70000000 + i}`)
			)
			.join('\n') + `\n${100000 + badRow - 2},Jos`,
		'utf8'
	);
	const tail = Buffer.from(
		`,${70000000 + badRow - 2}\n` +
			Array.from({ length: rows - badRow + 1 }, (_, i) => {
				const n = badRow - 1 + i;
				return `${100000 + n},Person ${n},${70000000 + n}`;
			}).join('\n') +
			'\n',
		'utf8'
	);
	return { buffer: Buffer.concat([head, Buffer.from([0xe9]), tail]), offset: head.length };
}

test('Import clicked during the whole-file check of a file that breaks off imports nothing and names the byte', async ({
	page
}) => {
	test.setTimeout(120_000);
	// About 4.4 MB; the bad byte is near 4 MB, after four of the engine's 1 MB slices.
	const rows = 150_000;
	const badRow = 140_001;
	const { buffer, offset } = fileWithBadByteAt(rows, badRow);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.fileInput.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer });
	await wizard.expectStep('Configure Data');
	await expect(page.getByText('Checking the whole file…')).toBeVisible();
	await wizard.importButton.click();

	const alert = page
		.getByRole('alert')
		.filter({ hasText: `not valid UTF-8 on row ${badRow.toLocaleString('en')}` });
	await expect(alert).toBeVisible({ timeout: 60_000 });
	await expect(alert).toContainText(`at byte ${offset.toLocaleString('en')}`);
	await wizard.expectStep('Configure Data');
	expect(await readCounts(page)).toEqual({ status: 'configuring', users: 0, issued: 0 });
});

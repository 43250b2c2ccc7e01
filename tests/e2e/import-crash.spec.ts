import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, test, type TestSite } from './site';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './browser';
import { generatedCsv, ImportPage } from './pages/import';

const ROWS = 40_000;

/** Chromium started by hand, as a person's browser: a real profile on disk and a real process. */
async function launchBrowser(
	profile: string
): Promise<{ process: ChildProcess; browser: Browser }> {
	const child = spawn(
		chromiumPath() ?? chromium.executablePath(),
		[
			...CHROMIUM_ARGS,
			'--headless=new',
			'--no-sandbox',
			'--remote-debugging-port=0',
			`--user-data-dir=${profile}`,
			'about:blank'
		],
		// Its own process group: killing the group kills the browser with all its helpers.
		{ stdio: ['ignore', 'ignore', 'pipe'], detached: true }
	);
	const endpoint = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stderr?.on('data', (data: Buffer) => {
			seen += data.toString();
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
			if (match?.[1]) resolve(match[1]);
		});
		child.once('exit', () => reject(new Error(`Chromium exited early:\n${seen}`)));
	});
	return { process: child, browser: await chromium.connectOverCDP(endpoint) };
}

/** Kills the browser and every helper process of it at once, as a crash or power cut would. */
async function killBrowser(browser: ChildProcess): Promise<void> {
	const running = browser.exitCode === null && browser.signalCode === null;
	const exited = running ? new Promise((resolve) => browser.once('exit', resolve)) : undefined;
	if (browser.pid !== undefined) {
		try {
			process.kill(-browser.pid, 'SIGKILL');
		} catch {
			// The whole group had already exited.
		}
	}
	await exited;
	// The helpers are gone too once the group is empty (a signal to an empty group fails).
	await expect
		.poll(() => {
			try {
				process.kill(-(browser.pid ?? 0), 0);
				return 'alive';
			} catch {
				return 'gone';
			}
		})
		.toBe('gone');
}

/** The browser's page, signed in to the test's site (the profile's cookies are the browser's own). */
async function appPage(browser: Browser, site: TestSite): Promise<Page> {
	const context = browser.contexts()[0] ?? (await browser.newContext());
	await site.signIn(context);
	return context.pages()[0] ?? (await context.newPage());
}

/**
 * Waits for the run's first committed chunk, then stops it there: a read-write transaction over
 * the session, users and cards, kept open by one request after another, so no further chunk can
 * commit until the browser dies. Each attempt queues behind the engine's pending chunk, so the
 * cut comes after a chunk or two, however fast or loaded the machine. Returns what is stored.
 */
function holdAfterFirstChunk(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		type Cut = { session: { status: string; cursor: { rows: number } }; userIds: string[] };
		const attempt = () =>
			new Promise<Cut | null>((resolve, reject) => {
				const tx = db.transaction(['importSessions', 'users', 'cards'], 'readwrite');
				tx.onerror = () => reject(new Error(String(tx.error)));
				const sessions = tx.objectStore('importSessions');
				const read = sessions.getAll();
				read.onsuccess = () => {
					const session = (read.result as Cut['session'][])[0];
					if (!session || session.cursor.rows === 0) return resolve(null);
					const users = tx.objectStore('users').getAllKeys();
					users.onsuccess = () => {
						resolve({ session, userIds: users.result as string[] });
						const keepOpen = () => (sessions.count().onsuccess = keepOpen);
						keepOpen();
					};
				};
			});
		for (;;) {
			const cut = await attempt();
			if (cut) return cut;
		}
	});
}

/** Reads the import's session row and the stored users and cards straight from IndexedDB. */
function readDatabase(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(new Error(String(request.error)));
			});
		const sessions = await all<{ status: string; cursor: { rows: number } }>('importSessions');
		const users = await all<{ id: string }>('users');
		const cards = await all<{ number: string; userId: string }>('cards');
		db.close();
		return {
			session: sessions[0],
			userIds: users.map((u) => u.id),
			cards: cards.map((c) => `${c.number}:${c.userId}`)
		};
	});
}

test('an import cut off by a killed browser resumes on the next start: nothing missing, nothing doubled', async ({
	baseURL,
	site
}) => {
	test.setTimeout(240_000);
	const profile = mkdtempSync(join(tmpdir(), 'roster-crash-'));
	const csv = join(profile, 'crash.csv');
	writeFileSync(csv, generatedCsv(ROWS));
	try {
		const first = await launchBrowser(profile);
		const page = await appPage(first.browser, site);
		await page.goto(`${baseURL}/import`);
		const wizard = new ImportPage(page);
		await wizard.upload(csv);
		await wizard.importButton.click();
		// Kill the browser once some chunks are committed and the rest are not.
		const cut = await holdAfterFirstChunk(page);
		await killBrowser(first.process);
		expect(cut.session?.status).toBe('running');
		expect(cut.userIds.length).toBeLessThan(ROWS);

		const second = await launchBrowser(profile);
		const again = await appPage(second.browser, site);
		await again.goto(`${baseURL}/users`);
		// One banner says both: the run is taken up again, and users and cards are locked.
		await expect(again.getByText(/Resuming the import of crash\.csv/)).toBeVisible();
		await expect(again.getByRole('status').filter({ hasText: 'crash.csv' })).toHaveCount(0);
		await expect
			.poll(async () => (await readDatabase(again)).session?.status, { timeout: 120_000 })
			.toBe('done');
		const after = await readDatabase(again);
		const expectedIds = Array.from({ length: ROWS }, (_, i) => String(100000 + i)).sort();
		expect(after.userIds.sort()).toEqual(expectedIds);
		expect(after.cards.sort()).toEqual(
			Array.from({ length: ROWS }, (_, i) => `${70000000 + i}:${100000 + i}`).sort()
		);
		await second.browser.close();
		await killBrowser(second.process);
	} finally {
		rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
	}
});

test('closing the tab that started an import does not stop it while another tab is open', async ({
	context
}) => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'roster-close-'));
	const csv = join(dir, 'close.csv');
	writeFileSync(csv, generatedCsv(ROWS));
	try {
		const starter = await context.newPage();
		const other = await context.newPage();
		await other.goto('/users');
		const wizard = new ImportPage(starter);
		await wizard.open();
		await wizard.upload(csv);
		await wizard.importButton.click();
		await expect(other.getByRole('alert').filter({ hasText: 'Import in progress' })).toBeVisible();
		await starter.close();

		await expect
			.poll(async () => (await readDatabase(other)).session?.status, { timeout: 90_000 })
			.toBe('done');
		expect((await readDatabase(other)).userIds).toHaveLength(ROWS);
		await expect(other.getByRole('alert').filter({ hasText: 'Import in progress' })).toHaveCount(0);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './site';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, generatedCsv, ImportPage } from './pages/import';
import { IMPORT_WORKER, SharedWorkerSession } from './shared-worker';

test('a reload mid-wizard returns to Configure with every choice kept', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('users-basic.csv'));
	await wizard.radio('Overwrite user data', 'Overwrite with CSV').check();
	await wizard.radio('Card ID type', 'Hexadecimal').check();
	await wizard.select('Date format').selectOption('DD/MM/YYYY');
	await wizard.mapping('Title').selectOption({ label: 'None' });
	await wizard.settled();

	await page.reload();
	await wizard.expectStep('Configure Data');
	await wizard.settled();
	await expect(wizard.radio('Overwrite user data', 'Overwrite with CSV')).toBeChecked();
	await expect(wizard.radio('Card ID type', 'Hexadecimal')).toBeChecked();
	await expect(wizard.select('Date format')).toHaveValue('DD/MM/YYYY');
	expect(await wizard.mappedHeader('Title')).toBe('None');
	expect(await wizard.mappedHeader('Name')).toBe('Name');

	// Leaving through the navigation and coming back with `Import users` lands on the same step.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Users', exact: true })
		.click();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Import users' })
		.click();
	await wizard.expectStep('Configure Data');
	await expect(wizard.radio('Card ID type', 'Hexadecimal')).toBeChecked();

	// Results survive a reload too, until Complete.
	await wizard.radio('Card ID type', 'Decimal').check();
	await wizard.importAndWait();
	await page.reload();
	await wizard.expectStep('See Results');
	await wizard.expectCounts(20, 0);
});

async function rowsDone(progress: Locator): Promise<number> {
	return Number((await progress.getAttribute('aria-valuenow')) ?? '0');
}

async function waitForRunning(progress: Locator): Promise<void> {
	await expect(progress).toBeVisible();
	await expect.poll(() => rowsDone(progress)).toBeGreaterThan(0);
}

async function bannerIn(page: Page): Promise<Locator> {
	const banner = page.getByRole('alert').filter({ hasText: 'Import in progress' });
	await expect(banner).toBeVisible();
	return banner;
}

/**
 * How far the import worker lets its run read the file (lives in the worker's global scope):
 * `waiting` for the run's first chunk commit, then `armed`, `holding` once the run asks for a
 * later part of its file, `released` when the test lets it go on.
 */
interface ReadHold {
	state: 'waiting' | 'armed' | 'holding' | 'released';
	release: () => void;
}

/**
 * Runs inside the import worker. Once the run has begun committing chunks, its next read of a part
 * of the file past the first slice waits until the test releases it. The chunks already read are
 * committed meanwhile, and the engine then waits between two chunks with no transaction open or
 * queued, so every tab can read the session as usual. Without it a fast machine imports the whole
 * file before the test has looked (and no size of file makes that certain).
 *
 * Files are read as `blob.slice(start, end).arrayBuffer()`, so both are wrapped here. The first
 * chunk commit is seen as the storage-full spec sees it: Dexie sets `onabort` on every
 * transaction it starts, and that setter can be wrapped.
 */
function holdReadingAfterFirstCommit(): void {
	const scope = globalThis as unknown as { readHold?: ReadHold };
	if (scope.readHold) return;
	let release = () => {};
	const released = new Promise<void>((resolve) => {
		release = resolve;
	});
	const hold: ReadHold = {
		state: 'waiting',
		release: () => {
			hold.state = 'released';
			release();
		}
	};
	scope.readHold = hold;

	const starts = new WeakMap<Blob, number>();
	// Taken as descriptors: the originals are called on other blobs than the prototype.
	const slice = Object.getOwnPropertyDescriptor(Blob.prototype, 'slice')?.value as Blob['slice'];
	const arrayBuffer = Object.getOwnPropertyDescriptor(Blob.prototype, 'arrayBuffer')
		?.value as Blob['arrayBuffer'];
	Blob.prototype.slice = function (this: Blob, start?: number, end?: number, type?: string) {
		const part = slice.call(this, start, end, type);
		starts.set(part, start ?? 0);
		return part;
	};
	Blob.prototype.arrayBuffer = async function (this: Blob) {
		if (hold.state === 'armed' && (starts.get(this) ?? 0) > 0) hold.state = 'holding';
		if (hold.state === 'holding') await released;
		return arrayBuffer.call(this);
	};

	const onabort = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'onabort');
	if (!onabort?.set) throw new Error('IDBTransaction.prototype has no onabort setter');
	const original: PropertyDescriptor = onabort;
	Object.defineProperty(IDBTransaction.prototype, 'onabort', {
		...original,
		set(this: IDBTransaction, handler: unknown) {
			const stores = Array.from(this.objectStoreNames);
			const chunkCommit =
				this.mode === 'readwrite' && stores.includes('users') && stores.includes('importJournal');
			if (chunkCommit && hold.state === 'waiting') hold.state = 'armed';
			original.set?.call(this, handler);
		}
	});
}

/**
 * Attaches to `page`'s import worker and makes it hold its next run after the first chunks (see
 * holdReadingAfterFirstCommit). Call after the upload, which has started the worker.
 */
async function holdImportReading(browser: Browser, page: Page): Promise<SharedWorkerSession> {
	const cdp = await page.context().newCDPSession(page);
	const worker = await SharedWorkerSession.attach(browser, cdp, IMPORT_WORKER);
	await worker.evaluate(holdReadingAfterFirstCommit);
	return worker;
}

/** Waits until the run is held between two chunks. */
async function untilHolding(worker: SharedWorkerSession): Promise<void> {
	// Nothing races now, but the worker answers DevTools only between its chunks, which on a
	// loaded machine can take a while.
	await expect.poll(() => worker.evaluate(readHoldState), { timeout: 60_000 }).toBe('holding');
}

function readHoldState(): ReadHold['state'] | undefined {
	return (globalThis as unknown as { readHold?: ReadHold }).readHold?.state;
}

function releaseReading(): void {
	(globalThis as unknown as { readHold?: ReadHold }).readHold?.release();
}

test('a reload mid-import returns to the progress, the import goes on, and every tab hears of it', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(180_000);
	const rows = 40_000;
	const dir = mkdtempSync(join(tmpdir(), 'roster-import-'));
	const file = join(dir, 'many-users.csv');
	writeFileSync(file, generatedCsv(rows));
	let worker: SharedWorkerSession | undefined;
	try {
		const wizard = new ImportPage(page);
		await wizard.open();
		await wizard.upload(file);
		await expect(
			page.getByText(`${rows} data rows: this import will create ${rows}`)
		).toBeVisible();

		const other = await context.newPage();
		await other.goto('/users');

		worker = await holdImportReading(browser, page);

		await wizard.importButton.click();
		await wizard.expectStep('Import Users');
		await expect(
			page.getByText('no admin of this site can create or edit users or cards')
		).toBeVisible();
		await untilHolding(worker);
		await waitForRunning(wizard.progress);
		const before = await rowsDone(wizard.progress);
		expect(before).toBeLessThan(rows);

		// Its list is not re-read while the import writes (that would slow the import down), and it
		// says so rather than give a count the banner contradicts. What it last read depends on
		// whether its read began before the run's first chunk, so that count is left open; it must
		// be below what the run has written since.
		const counts = other.getByTestId('user-counts');
		await expect(counts).toHaveText(
			/^[\d,]+ users listed\.\s+Import in progress: the list shows the users as they were when this screen read them; it refreshes\s+when the import ends\.$/
		);
		const listed = Number((await counts.innerText()).split(' ')[0]?.replaceAll(',', ''));
		expect(listed).toBeLessThan(before);

		// Another tab shows the import on every screen, with a way to it.
		const banner = await bannerIn(other);
		await expect(banner).toContainText('many-users.csv');
		await expect(banner.getByRole('link', { name: 'Show the import' })).toBeVisible();

		await page.reload();
		await wizard.expectStep('Import Users');
		await expect(wizard.progress).toBeVisible();
		await expect(wizard.progress).toHaveAttribute('aria-valuemax', String(rows));
		await expect.poll(() => rowsDone(wizard.progress)).toBeGreaterThanOrEqual(before);

		// The 35 000 rows left take most of a minute on a loaded machine.
		await worker.evaluate(releaseReading);
		await wizard.expectStep('See Results', 120_000);
		await expect(page.getByText(`Succeeded: ${rows}`, { exact: true })).toBeVisible();
		await expect(page.getByText('Failed: 0', { exact: true })).toBeVisible();

		// The other tab is told, at the top, with a link to the results.
		const done = other.getByRole('status').filter({ hasText: 'Import finished' });
		// That tab hears of the end through its own live query, a moment behind this one.
		await expect(done).toContainText(`Import finished: ${rows} succeeded, 0 failed`, {
			timeout: 30_000
		});
		await expect(other.getByRole('alert').filter({ hasText: 'Import in progress' })).toHaveCount(0);
		await expect(counts).toHaveText(`${rows.toLocaleString('en-US')} users`);
		await done.getByRole('link', { name: 'See results' }).click();
		await new ImportPage(other).expectStep('See Results');
	} finally {
		await worker?.detach();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('Cancel stops the import and offers to keep or undo what was imported', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'cancel-me.csv',
		mimeType: 'text/csv',
		buffer: generatedCsv(40_000)
	});
	// Held between two chunks: a 40 000-row import can otherwise be over before Cancel is pressed.
	const worker = await holdImportReading(browser, page);
	try {
		await wizard.importButton.click();
		await untilHolding(worker);
		await page.getByRole('button', { name: 'Cancel', exact: true }).click();
		await worker.evaluate(releaseReading);
	} finally {
		await worker.detach();
	}
	await expect(page.getByText('The import was cancelled after')).toBeVisible();
	await page.getByRole('button', { name: 'Keep what was imported' }).click();
	await wizard.expectStep('See Results');
	await expect(page.getByText('was cancelled after')).toBeVisible();
	await wizard.undo();
	// Undo takes back the chunks committed before Cancel (six of them: see the hold).
	await expect(page.getByText('was undone')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(/^Undone: [\d,]+ users and [\d,]+ cards removed$/)).toBeVisible();
	await expect(page.getByText('Succeeded: ')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Issue cards' })).toHaveCount(0);
});

import type { CDPSession, JSHandle, Page } from '@playwright/test';
import { expect, test } from './site';
import { ImportPage } from './pages/import';
import { IMPORT_WORKER, SharedWorkerSession } from './shared-worker';

/**
 * A full disk, made real: Chromium's own quota for the app's origin is lowered through the
 * DevTools protocol (`Storage.overrideQuotaForOrigin`), so the engine's chunk commit is refused
 * by the browser with a genuine QuotaExceededError. The engine, Dexie and IndexedDB are the app's
 * own; nothing is mocked.
 *
 * What Chromium 156 does, and how the test deals with it:
 * - IndexedDB does not ask the quota manager on every commit: it remembers the space it was last
 *   told was left and lets commits spend it for up to 30 seconds. A quota lowered mid-import is
 *   ignored until a commit asks for more than that allowance. So the quota is capped before the
 *   app first loads (which caps the allowance), and once it is lowered, a write larger than the
 *   cap to a scratch database makes Chromium ask the quota manager again at once.
 * - Values are compressed before they are stored, so repeated text costs almost no quota: the
 *   file is made of pseudo-random words.
 * - The engine records that a run stopped in the session row, and that write needs space too:
 *   with no room at all it is refused; the engine then returns the stop unrecorded, and the tab
 *   that ran it shows it (the second case). For the first case the right amount of room cannot
 *   be left in advance: the usage Chromium measures moves by megabytes between commits (LevelDB
 *   logs and compaction), as much as a chunk needs. So the order is made explicit: every write is refused while the chunk commits, and some space is
 *   freed right after the refusal, before the engine writes down that it stopped. To see that
 *   moment, the test watches the engine's transactions inside the shared worker over the
 *   DevTools protocol, and holds the session store there until the space is freed.
 */

// Eight chunks: the run must still be going when the test, polling from outside, holds its next commit.
const ROWS = 40_000;
/** The engine's rows per transaction (ROWS_PER_CHUNK in src/lib/import/engine.ts). */
const CHUNK = 5_000;
const MB = 1024 * 1024;
/** Quota above what the origin uses before the app loads: the setup and a few chunks fit. */
const SETUP_HEADROOM = 48 * MB;
/** No room at all: less than the origin already stores, whatever LevelDB compacts meanwhile. */
const FULL = 1;
/** Space freed right after the refusal, for the engine to write down that it stopped. */
const STOP_RECORD_ROOM = 8 * MB;

interface GeneratedFile {
	buffer: Buffer;
	userIds: string[];
	cardsByUser: string[];
}

/** Rows of seeded pseudo-random words, so Chromium's compression cannot make them vanish. */
function incompressibleCsv(rows: number): GeneratedFile {
	let state = 0x2545f491;
	const next = (): number => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state;
	};
	const word = (length: number): string =>
		Array.from({ length }, () => String.fromCharCode(97 + (next() % 26))).join('');
	const lines = ['User ID,Name,Email,Department,Title,Card ID'];
	const userIds: string[] = [];
	const cardsByUser: string[] = [];
	for (let i = 0; i < rows; i += 1) {
		const id = String(300000 + i);
		const card = String(90000000 + i);
		const [first, last] = [word(7), word(9)];
		lines.push(
			`${id},${first} ${last},${first}.${last}@example.com,${word(12)},${word(14)},${card}`
		);
		userIds.push(id);
		cardsByUser.push(`${card}:${id}`);
	}
	return { buffer: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), userIds, cardsByUser };
}

interface Stored {
	session: {
		status: string;
		error?: { code: string; message: string };
		cursor: { rows: number; chunks: number };
		counters: { created: number; updated: number; kept: number; failed: number };
	};
	userIds: string[];
	cardsByUser: string[];
	resultChunks: number;
	journalChunks: number;
}

/** Everything the import wrote, read in ONE transaction so the picture is consistent. */
function readStored(page: Page): Promise<Stored> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const stores = ['importSessions', 'users', 'cards', 'importResults', 'importJournal'];
		const tx = db.transaction(stores, 'readonly');
		const ask = <T>(request: IDBRequest) =>
			new Promise<T>((resolve, reject) => {
				request.onsuccess = () => resolve(request.result as T);
				request.onerror = () => reject(new Error(String(request.error)));
			});
		const [sessions, userIds, cards, resultChunks, journalChunks] = await Promise.all([
			ask<Stored['session'][]>(tx.objectStore('importSessions').getAll()),
			ask<string[]>(tx.objectStore('users').getAllKeys()),
			ask<{ number: string; userId: string }[]>(tx.objectStore('cards').getAll()),
			ask<number>(tx.objectStore('importResults').count()),
			ask<number>(tx.objectStore('importJournal').count())
		]);
		db.close();
		const session = sessions[0];
		if (!session) throw new Error('No import session is stored.');
		return {
			session: {
				status: session.status,
				error: session.error,
				cursor: session.cursor,
				counters: session.counters
			},
			userIds,
			cardsByUser: cards.map((card) => `${card.number}:${card.userId}`),
			resultChunks,
			journalChunks
		};
	});
}

/** Rows the engine has committed, from the session's cursor (its own store only). */
function committedRows(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const sessions = await new Promise<{ cursor: { rows: number } }[]>((resolve, reject) => {
			const request = db.transaction('importSessions').objectStore('importSessions').getAll();
			request.onsuccess = () => resolve(request.result as { cursor: { rows: number } }[]);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		db.close();
		return sessions[0]?.cursor.rows ?? 0;
	});
}

/**
 * Holds a read-write transaction on the journal and the session row, which every chunk commit
 * writes: the engine waits before its next commit, so the disk can fill up between two chunks at
 * a moment the test chooses. Resolves, once held, with the rows committed so far and a function
 * that lets go (it resolves when the transaction has ended). Anything else that reads those
 * stores meanwhile would queue behind the waiting commit, so the cursor is read here.
 */
async function holdNextCommit(
	page: Page
): Promise<{ committed: number; release: JSHandle<() => Promise<void>> }> {
	const hold = await page.evaluateHandle(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const tx = db.transaction(['importJournal', 'importSessions'], 'readwrite');
		const ended = new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onabort = () => reject(new Error(String(tx.error)));
		}).finally(() => db.close());
		let holding = true;
		// A transaction stays open only while it has requests pending, so it keeps asking.
		const ask = () => {
			tx.objectStore('importJournal').count().onsuccess = () => {
				if (holding) ask();
			};
		};
		ask();
		const committed = await new Promise<number>((resolve, reject) => {
			const request = tx.objectStore('importSessions').getAll();
			request.onsuccess = () =>
				resolve((request.result as { cursor: { rows: number } }[])[0]?.cursor.rows ?? 0);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		return {
			committed,
			release: () => {
				holding = false;
				return ended;
			}
		};
	});
	const committed = await hold.evaluate((held) => held.committed);
	const release = await hold.evaluateHandle((held) => held.release);
	return { committed, release };
}

/**
 * Writes `bytes` to a scratch database of the same origin and reports how it ended. Larger than
 * any allowance Chromium may still remember, it makes Chromium ask the quota manager afresh.
 */
function writeScratch(page: Page, bytes: number): Promise<string> {
	return page.evaluate(async (size) => {
		const name = 'roster-quota-scratch';
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name, 1);
			request.onupgradeneeded = () => request.result.createObjectStore('blobs');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const outcome = await new Promise<string>((resolve) => {
			const tx = db.transaction('blobs', 'readwrite');
			tx.objectStore('blobs').put(new Blob([new Uint8Array(size)]), 'filler');
			tx.oncomplete = () => resolve('stored');
			tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
		});
		db.close();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.deleteDatabase(name);
			request.onsuccess = () => resolve();
			request.onerror = () => reject(new Error(String(request.error)));
		});
		return outcome;
	}, bytes);
}

async function usage(page: Page): Promise<number> {
	return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

async function setQuota(cdp: CDPSession, origin: string, quotaSize?: number): Promise<void> {
	// Without quotaSize, Chromium goes back to the real quota: the disk has room again.
	await cdp.send(
		'Storage.overrideQuotaForOrigin',
		quotaSize === undefined ? { origin } : { origin, quotaSize }
	);
}

/** The engine's chunk commits as the shared worker sees them (lives in the worker's global scope). */
interface CommitWatch {
	/** How each refused or failed chunk commit ended: the DOMException's name. */
	refusals: string[];
	/** The session store held after the first refusal: `waiting` until held, then `released`. */
	stopRecord: 'none' | 'waiting' | 'held' | 'released';
}

/**
 * Runs inside the import worker. Watches every chunk commit (the one read-write transaction over
 * users and the journal); when the browser refuses one for lack of space, it at once opens a
 * transaction on the session store on the same connection. The engine's record of the stop is
 * created later, so it waits behind that one until the test has freed some space.
 *
 * Dexie binds `IDBDatabase#transaction` when it opens the database, so that method cannot be
 * wrapped afterwards; but Dexie sets `onabort` on every transaction it starts, so that setter is.
 */
function watchChunkCommits(): void {
	const scope = globalThis as unknown as { commitWatch?: CommitWatch };
	if (scope.commitWatch) return;
	const watch: CommitWatch = { refusals: [], stopRecord: 'none' };
	scope.commitWatch = watch;

	const holdSessionStore = (db: IDBDatabase) => {
		watch.stopRecord = 'waiting';
		const hold = db.transaction('importSessions', 'readwrite');
		// A transaction stays open only while it has requests pending, so it keeps asking.
		const ask = () => {
			hold.objectStore('importSessions').count().onsuccess = () => {
				if (watch.stopRecord === 'waiting') watch.stopRecord = 'held';
				if (watch.stopRecord === 'held') ask();
			};
		};
		ask();
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
			// Added before Dexie's handler, so it runs before the engine hears of the abort.
			if (chunkCommit) {
				this.addEventListener('abort', () => {
					watch.refusals.push(this.error?.name ?? 'AbortError');
					if (this.error?.name === 'QuotaExceededError' && watch.stopRecord === 'none') {
						holdSessionStore(this.db);
					}
				});
			}
			original.set?.call(this, handler);
		}
	});
}

function commitWatch(): CommitWatch | undefined {
	return (globalThis as unknown as { commitWatch?: CommitWatch }).commitWatch;
}

function letStopRecordGo(): void {
	const watch = (globalThis as unknown as { commitWatch?: CommitWatch }).commitWatch;
	if (watch) watch.stopRecord = 'released';
}

const CASES = [
	{
		title:
			'an import that runs out of storage stops cleanly with whole chunks, and resumes to the last row once space is freed',
		roomForStop: STOP_RECORD_ROOM
	},
	{
		title:
			'with no room even to record the stop, the import still says why it stopped, keeps whole chunks, and resumes',
		roomForStop: 0
	}
];

for (const { title, roomForStop } of CASES) {
	test(title, async ({ page, browser, baseURL }) => {
		test.setTimeout(120_000);
		const origin = new URL(baseURL ?? '').origin;
		const file = incompressibleCsv(ROWS);
		const cdp = await page.context().newCDPSession(page);

		// Capped before the app opens its database, so Chromium never holds a larger allowance.
		await page.goto('/favicon.png');
		await setQuota(cdp, origin, (await usage(page)) + SETUP_HEADROOM);

		const wizard = new ImportPage(page);
		await wizard.open();
		// The service worker's precache also counts against the quota: let it finish first.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await wizard.upload({ name: 'full-disk.csv', mimeType: 'text/csv', buffer: file.buffer });
		await expect(
			page.getByText(`${ROWS} data rows: this import will create ${ROWS}`)
		).toBeVisible();

		// The upload went through the import worker, so it is running by now.
		const worker = await SharedWorkerSession.attach(browser, cdp, IMPORT_WORKER);
		try {
			await worker.evaluate(watchChunkCommits);

			await wizard.importButton.click();
			await expect
				.poll(() => committedRows(page), { timeout: 60_000, intervals: [25] })
				.toBeGreaterThanOrEqual(CHUNK);

			// Between two chunks the disk fills up completely.
			const { committed: before, release } = await holdNextCommit(page);
			expect(before).toBeLessThan(ROWS);
			await setQuota(cdp, origin, FULL);
			expect(await writeScratch(page, SETUP_HEADROOM + MB)).toBe('QuotaExceededError');
			await release.evaluate((letGo) => letGo());

			// Chromium refuses the next chunk's commit; then a little space is freed, before the engine
			// writes down that it stopped.
			await expect.poll(() => worker.evaluate(commitWatch)).toMatchObject({ stopRecord: 'held' });
			expect((await worker.evaluate(commitWatch))?.refusals).toEqual(['QuotaExceededError']);
			if (roomForStop > 0) await setQuota(cdp, origin, (await usage(page)) + roomForStop);
			await worker.evaluate(letStopRecordGo);

			const stopped = page.getByRole('status').filter({ hasText: 'The import stopped after' });
			await expect(stopped).toBeVisible();
			await expect(stopped).toContainText(
				`The import stopped after ${before} rows: The browser has run out of storage space`
			);
			await expect(page.getByRole('button', { name: 'Resume import' })).toBeVisible();

			const cut = await readStored(page);
			if (roomForStop > 0) {
				expect(cut.session.status).toBe('interrupted');
				expect(cut.session.error?.code).toBe('STORAGE_FULL');
			} else {
				// Not even the stop could be written: the row still says running (so users and cards
				// stay read-only) and only this tab knows why the run stopped.
				expect(cut.session.status).toBe('running');
			}
			expect(cut.session.cursor.rows).toBe(before);
			expect(cut.session.cursor.rows % CHUNK).toBe(0);
			expect(cut.session.cursor.chunks).toBe(before / CHUNK);
			expect(cut.session.counters).toMatchObject({
				created: before,
				updated: 0,
				kept: 0,
				failed: 0
			});
			expect(cut.resultChunks).toBe(before / CHUNK);
			expect(cut.journalChunks).toBe(before / CHUNK);
			// Whole chunks, in file order: exactly the first `before` rows, each user with its card.
			expect(cut.userIds).toEqual(file.userIds.slice(0, before));
			expect(cut.cardsByUser.sort()).toEqual(file.cardsByUser.slice(0, before).sort());

			await setQuota(cdp, origin);
			await page.getByRole('button', { name: 'Resume import' }).click();
			// Three more chunks of incompressible rows: on a loaded machine that is longer than the
			// default wait for a step, so the wait is as long as the one for the first chunk.
			await wizard.expectStep('See Results', 60_000);
			await wizard.expectCounts(ROWS, 0);

			const after = await readStored(page);
			expect(after.session.status).toBe('done');
			expect(after.session.error).toBeUndefined();
			expect(after.session.cursor.rows).toBe(ROWS);
			expect(after.session.counters).toMatchObject({
				created: ROWS,
				updated: 0,
				kept: 0,
				failed: 0
			});
			expect(after.userIds).toEqual(file.userIds);
			expect(after.cardsByUser.sort()).toEqual([...file.cardsByUser].sort());
			// The only refusal was the one chunk: the resumed run committed every other chunk.
			expect((await worker.evaluate(commitWatch))?.refusals).toEqual(['QuotaExceededError']);
		} finally {
			await worker.detach();
		}
	});
}

import { expect, type Locator, type Page } from '@playwright/test';
import { siteOf, type SeedCard, type SeedUser } from '../site';

export type { SeedCard, SeedUser } from '../site';

/**
 * Puts users and cards on the test's site (server rows and their feed changes), then reloads:
 * the page's replica receives them as from any other admin.
 */
export async function seed(page: Page, users: SeedUser[], cards: SeedCard[] = []): Promise<void> {
	await siteOf(page.context()).seed(users, cards);
	await page.reload();
	// Until the replica holds them, a screen that reads it (an export, say) would not see them.
	await expect
		.poll(() =>
			replicaHolds(
				page,
				users.map((u) => u.id),
				cards.map((c) => c.number)
			)
		)
		.toBe(true);
}

/** Whether this browser's replica holds every one of these users and cards. */
function replicaHolds(page: Page, userIds: string[], cardNumbers: string[]): Promise<boolean> {
	return page.evaluate(
		async ({ userIds, cardNumbers }) => {
			if (!(await indexedDB.databases()).some((d) => d.name === 'roster')) return false;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('roster');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('open failed'));
			});
			try {
				if (!db.objectStoreNames.contains('users')) return false;
				const tx = db.transaction(['users', 'cards']);
				const has = (store: string, key: string) =>
					new Promise<boolean>((resolve, reject) => {
						const request = tx.objectStore(store).count(key);
						request.onsuccess = () => resolve(request.result === 1);
						request.onerror = () => reject(request.error ?? new Error('count failed'));
					});
				const found = await Promise.all([
					...userIds.map((id) => has('users', id)),
					...cardNumbers.map((number) => has('cards', number))
				]);
				return found.every(Boolean);
			} finally {
				db.close();
			}
		},
		{ userIds, cardNumbers }
	);
}

/**
 * Writes users and cards straight into this browser's IndexedDB, as the browser-only version of
 * Roster kept its site, then reloads. The app must have opened the database once.
 */
export async function seedBrowserOnly(
	page: Page,
	users: SeedUser[],
	cards: SeedCard[] = []
): Promise<void> {
	await page.evaluate(
		async ({ users, cards }) => {
			// Wait until the app has created its schema: opening first would create an empty one.
			while (
				!(await indexedDB.databases()).some((d) => d.name === 'roster' && (d.version ?? 0) >= 10)
			) {
				await new Promise((r) => setTimeout(r, 20));
			}
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('roster');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('open failed'));
			});
			const tx = db.transaction(['users', 'cards'], 'readwrite');
			const now = Date.now();
			for (const u of users) {
				tx.objectStore('users').put({ userType: 'Employee', ...u, createdAt: now, updatedAt: now });
			}
			for (const c of cards) {
				tx.objectStore('cards').put({
					status: 'registered',
					validFrom: '2026-01-01',
					validTo: '2026-12-31',
					...c,
					createdAt: now,
					updatedAt: now
				});
			}
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error ?? new Error('write failed'));
			});
			db.close();
		},
		{ users, cards }
	);
	await page.reload();
}

/**
 * Marks an import as running the way the engine does: a tab holds the `roster-import` Web Lock
 * and the session row says `running` (a running row without the lock is an interrupted import,
 * which the app resumes). Returns a function that ends it.
 */
export async function holdImport(page: Page): Promise<() => Promise<void>> {
	const holder = await page.context().newPage();
	await holder.goto('/users');
	await holder.evaluate(async () => {
		await new Promise<void>((acquired) => {
			void navigator.locks.request('roster-import', () => {
				acquired();
				return new Promise<void>((release) => {
					(window as unknown as { releaseImport: () => void }).releaseImport = release;
				});
			});
		});
		while (
			!(await indexedDB.databases()).some((d) => d.name === 'roster' && (d.version ?? 0) >= 10)
		) {
			await new Promise((r) => setTimeout(r, 20));
		}
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
		const tx = db.transaction('importSessions', 'readwrite');
		// A whole session row, as the engine writes it when a run starts.
		tx.objectStore('importSessions').put({
			id: 'e2e-session',
			status: 'running',
			step: 'import',
			file: new Blob(['Name\nAna\n']),
			fileName: 'big.csv',
			fileSize: 9,
			encoding: 'utf-8',
			bomLength: 0,
			validUtf8: true,
			encodingCandidates: [],
			delimiter: ',',
			settings: {
				overwrite: 'keep',
				cardIdType: 'decimal',
				startDate: '2026-01-01',
				endDate: '2027-01-01',
				dateFormat: 'YYYY-MM-DD',
				headerRow: 1
			},
			mapping: {},
			header: ['Name'],
			cursor: { rows: 0, bytes: 0, chunks: 0 },
			counters: { created: 0, updated: 0, kept: 0, failed: 0, skipped: 0 },
			createdAt: 1,
			updatedAt: 1,
			startedAt: 1
		});
		await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
		db.close();
	});
	return async () => {
		await holder.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve) => {
				const request = indexedDB.open('roster');
				request.onsuccess = () => resolve(request.result);
			});
			const tx = db.transaction('importSessions', 'readwrite');
			tx.objectStore('importSessions').delete('e2e-session');
			await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
			db.close();
			(window as unknown as { releaseImport: () => void }).releaseImport();
		});
		await holder.close();
	};
}

/** Every record of the given stores, for comparing the database before and after. */
export async function dump(page: Page, stores: string[]): Promise<Record<string, unknown[]>> {
	return page.evaluate(async (stores) => {
		while (
			!(await indexedDB.databases()).some((d) => d.name === 'roster' && (d.version ?? 0) >= 10)
		) {
			await new Promise((r) => setTimeout(r, 20));
		}
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
		const out: Record<string, unknown[]> = {};
		for (const name of stores) {
			out[name] = await new Promise<unknown[]>((resolve) => {
				const request = db.transaction(name).objectStore(name).getAll();
				request.onsuccess = () => resolve(request.result as unknown[]);
			});
		}
		db.close();
		return out;
	}, stores);
}

/** The Users screen. */
export class UsersPage {
	readonly search: Locator;
	readonly newUser: Locator;
	readonly table: Locator;
	readonly counts: Locator;

	constructor(readonly page: Page) {
		this.search = page.getByRole('searchbox', { name: 'Search users' });
		this.newUser = page.getByRole('link', { name: 'New user' });
		this.table = page.getByRole('table', { name: 'Users' });
		this.counts = page.getByTestId('user-counts');
	}

	async open(): Promise<void> {
		await this.page.goto('/users');
		await expect(this.counts).not.toHaveText(/Loading/);
	}

	/** Data rows (the header row is not one of them). */
	get rows(): Locator {
		return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
	}

	row(name: string): Locator {
		return this.rows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
	}

	/** The names of the rows in view, in order. */
	async names(): Promise<string[]> {
		return this.rows.getByRole('link').allTextContents();
	}
}

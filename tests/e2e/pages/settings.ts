import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The Settings screen: defaults, storage and the data tools. */
export class SettingsPage {
	readonly backUp: Locator;
	readonly backupFile: Locator;
	readonly replaceAll: Locator;
	readonly exportUsers: Locator;
	readonly eraseWord: Locator;
	readonly erase: Locator;
	readonly restored: Locator;

	constructor(readonly page: Page) {
		this.backUp = page.getByRole('button', { name: 'Back up' });
		this.backupFile = page.getByLabel('Backup file');
		this.replaceAll = page.getByRole('button', { name: 'Replace all data' });
		this.exportUsers = page.getByRole('button', { name: 'Export users CSV' });
		this.eraseWord = page.getByLabel(/Type ERASE to confirm/);
		this.erase = page.getByRole('button', { name: 'Erase all data' });
		this.restored = page.getByText(/^Restored /);
	}

	async open(): Promise<void> {
		await this.page.goto('/settings');
		await this.page.getByRole('heading', { name: 'Settings' }).waitFor();
	}

	/** Clicks `button` and returns the downloaded file's name and text. */
	async download(button: Locator): Promise<{ name: string; path: string; text: string }> {
		const [download]: [Download, void] = await Promise.all([
			this.page.waitForEvent('download'),
			button.click()
		]);
		const path = await download.path();
		return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
	}

	async eraseAll(): Promise<void> {
		await this.eraseWord.fill('ERASE');
		await this.erase.click();
		await expect(this.page.getByText('All data erased.')).toBeVisible();
	}

	/** Chooses a backup file and, once its check passes, confirms Replace all data. */
	async restore(path: string): Promise<void> {
		await this.backupFile.setInputFiles(path);
		await this.replaceAll.click();
		await expect(this.restored).toBeVisible();
	}
}

/** Every store of the app's database. */
export const ALL_STORES = [
	'users',
	'cards',
	'images',
	'settings',
	'importSessions',
	'importFiles',
	'importResults',
	'importJournal'
];

/**
 * Every record of `stores`, with each Blob (images, an import's file) turned into its type, name
 * and bytes, so two dumps compare by content.
 */
export async function dumpWithFiles(
	page: Page,
	stores: string[] = ALL_STORES
): Promise<Record<string, unknown[]>> {
	return page.evaluate(async (stores) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
		const out: Record<string, unknown[]> = {};
		for (const name of stores) {
			const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
				const request = db.transaction(name).objectStore(name).getAll();
				request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
			});
			out[name] = await Promise.all(
				rows.map(async (row) => {
					const copy: Record<string, unknown> = {};
					for (const [key, value] of Object.entries(row)) {
						copy[key] =
							value instanceof Blob
								? {
										type: value.type,
										name: value instanceof File ? value.name : null,
										bytes: [...new Uint8Array(await value.arrayBuffer())].join(',')
									}
								: value;
					}
					return copy;
				})
			);
		}
		db.close();
		return out;
	}, stores);
}

/**
 * Writes records straight into a store, past every rule of the app (as a damaged or forged
 * database would hold them), and deletes the records with the keys in `remove`.
 */
export async function writeRecords(
	page: Page,
	store: string,
	put: Record<string, unknown>[],
	remove: string[] = []
): Promise<void> {
	await page.evaluate(
		async ({ store, put, remove }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('roster');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('open failed'));
			});
			const tx = db.transaction(store, 'readwrite');
			for (const record of put) tx.objectStore(store).put(record);
			for (const key of remove) tx.objectStore(store).delete(key);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error ?? new Error('write failed'));
			});
			db.close();
		},
		{ store, put, remove }
	);
}

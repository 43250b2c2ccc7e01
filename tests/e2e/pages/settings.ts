import type { Download, Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The Settings screen: defaults, storage and the data tools. */
export class SettingsPage {
	readonly backUp: Locator;
	readonly backupFile: Locator;
	readonly replaceAll: Locator;
	readonly exportUsers: Locator;
	readonly eraseWord: Locator;
	readonly erase: Locator;

	constructor(readonly page: Page) {
		this.backUp = page.getByRole('button', { name: 'Back up' });
		this.backupFile = page.getByLabel('Backup file');
		this.replaceAll = page.getByRole('button', { name: 'Replace all data' });
		this.exportUsers = page.getByRole('button', { name: 'Export users CSV' });
		this.eraseWord = page.getByLabel(/Type ERASE to confirm/);
		this.erase = page.getByRole('button', { name: 'Erase all data' });
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
}

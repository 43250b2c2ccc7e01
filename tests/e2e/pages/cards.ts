import { expect, type Locator, type Page } from '@playwright/test';

/** The Cards screen. */
export class CardsPage {
	readonly search: Locator;
	readonly table: Locator;
	readonly counts: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.search = page.getByRole('searchbox', { name: 'Search cards' });
		this.table = page.getByRole('table', { name: 'Cards' });
		this.counts = page.getByTestId('card-counts');
		this.status = page.getByLabel('Status');
	}

	async open(): Promise<void> {
		await this.page.goto('/cards');
		await expect(this.counts).not.toHaveText(/Loading/);
	}

	get rows(): Locator {
		return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
	}

	/** The first cell (the number as shown) of each row in view. */
	async numbers(): Promise<string[]> {
		const texts = await this.rows.locator('[role="cell"]:first-child').allTextContents();
		return texts.map((t) => t.trim());
	}
}

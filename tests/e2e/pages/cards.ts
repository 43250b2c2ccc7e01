import { expect, type Locator, type Page } from '@playwright/test';

/** The Cards screen. */
export class CardsPage {
	readonly search: Locator;
	readonly table: Locator;
	readonly counts: Locator;
	readonly status: Locator;
	readonly selectAllShown: Locator;
	readonly issueSelected: Locator;
	readonly clearSelection: Locator;
	readonly selectedCount: Locator;
	/** What the last Issue selected did. */
	readonly report: Locator;

	constructor(readonly page: Page) {
		this.search = page.getByRole('searchbox', { name: 'Search cards' });
		this.table = page.getByRole('table', { name: 'Cards' });
		this.counts = page.getByTestId('card-counts');
		this.status = page.getByLabel('Status');
		this.selectAllShown = this.table.getByRole('checkbox', { name: 'Select all shown' });
		const bar = page.getByRole('group', { name: 'Selected cards' });
		this.issueSelected = bar.getByRole('button', { name: 'Issue selected' });
		this.clearSelection = bar.getByRole('button', { name: 'Clear selection' });
		this.selectedCount = page.getByTestId('selected-count');
		this.report = page.getByRole('status').filter({ hasText: /Issued/ });
	}

	/** The checkbox that selects the card shown as `shown`. */
	select(shown: string): Locator {
		return this.table.getByRole('checkbox', { name: `Select card ${shown}`, exact: true });
	}

	async open(): Promise<void> {
		await this.page.goto('/cards');
		await expect(this.counts).not.toHaveText(/Loading/);
	}

	get rows(): Locator {
		return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
	}

	/** The number as shown (the cell after the selection checkbox) of each row in view. */
	async numbers(): Promise<string[]> {
		const texts = await this.rows.locator('[role="cell"]:nth-child(2)').allTextContents();
		return texts.map((t) => t.trim());
	}
}

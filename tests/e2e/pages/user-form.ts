import type { Locator, Page } from '@playwright/test';

export const FORM_LABELS = [
	'User ID',
	'Name',
	'Email',
	'Phone',
	'User type',
	'Department',
	'Title'
] as const;

/** /users/new and /users/[id]: the form, the image, the cards and deletion. */
export class UserFormPage {
	readonly save: Locator;
	readonly cards: Locator;

	constructor(readonly page: Page) {
		this.save = page.getByRole('button', { name: 'Save', exact: true });
		this.cards = page.getByRole('list', { name: 'Cards of this user' });
	}

	field(label: (typeof FORM_LABELS)[number]): Locator {
		return this.page.getByLabel(label, { exact: true });
	}

	async fill(values: Partial<Record<(typeof FORM_LABELS)[number], string>>): Promise<void> {
		for (const [label, value] of Object.entries(values) as [
			(typeof FORM_LABELS)[number],
			string
		][]) {
			if (label === 'User type') await this.field(label).selectOption(value);
			else await this.field(label).fill(value);
		}
	}

	card(shown: string): Locator {
		return this.cards.getByRole('listitem', { name: `Card ${shown}`, exact: true });
	}

	async registerCard(number: string, type: 'Decimal' | 'Hexadecimal'): Promise<void> {
		const form = this.page.getByRole('form', { name: 'Register a card' });
		await form.getByRole('radio', { name: type, exact: true }).check();
		await form.getByLabel('Card ID', { exact: true }).fill(number);
		await form.getByRole('button', { name: 'Register card' }).click();
	}
}

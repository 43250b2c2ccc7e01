import type { Locator, Page } from '@playwright/test';

/** The screens before the site opens: setup on a first start, then sign-in. */
export class SignInScreen {
	readonly email: Locator;
	readonly password: Locator;
	readonly signInButton: Locator;
	readonly createOwnerButton: Locator;
	readonly alerts: Locator;

	constructor(readonly page: Page) {
		this.email = page.getByLabel('Email');
		this.password = page.getByLabel('Password');
		this.signInButton = page.getByRole('button', { name: 'Sign in' });
		this.createOwnerButton = page.getByRole('button', { name: 'Create owner' });
		this.alerts = page.getByRole('alert');
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.email.fill(email);
		await this.password.fill(password);
		await this.signInButton.click();
	}

	async createOwner(name: string, email: string, password: string): Promise<void> {
		await this.page.getByLabel('Name').fill(name);
		await this.email.fill(email);
		await this.password.fill(password);
		await this.createOwnerButton.click();
	}
}

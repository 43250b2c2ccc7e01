import type { Locator, Page } from '@playwright/test';

export const NAV_LINKS = ['Users', 'Cards', 'Import users', 'Settings'] as const;

/** The frame every screen shares: main navigation, and Sign out in the header. */
export class AppShell {
	readonly navigation: Locator;
	readonly signOutButton: Locator;

	constructor(readonly page: Page) {
		this.navigation = page.getByRole('navigation', { name: 'Main' });
		this.signOutButton = this.navigation.getByRole('button', { name: 'Sign out' });
	}

	link(name: (typeof NAV_LINKS)[number]): Locator {
		return this.navigation.getByRole('link', { name, exact: true });
	}

	async open(path = '/'): Promise<void> {
		await this.page.goto(path);
		await this.navigation.waitFor();
	}
}

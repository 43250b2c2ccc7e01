import { expect, type Page } from '@playwright/test';
import type { TestSite } from '../site';

/** The site's users and cards, as the server holds them. */
export async function siteRows(site: TestSite): Promise<{ users: string[]; cards: string[] }> {
	const users = await site.db.query<{ id: string }>('SELECT id FROM users ORDER BY id');
	const cards = await site.db.query<{ number: string }>('SELECT number FROM cards ORDER BY number');
	return { users: users.map((u) => u.id), cards: cards.map((c) => c.number) };
}

/** Three users and two cards, written through the site's mutations as the forms would. */
export async function seedSite(page: Page, site: TestSite): Promise<void> {
	const form = { department: '', title: '', phone: '', email: '', userType: 'Employee' };
	const mutations = [
		{
			type: 'user.create',
			values: { ...form, userId: 'U1', name: 'Ana Park', email: 'ana@x.org', phone: '+1 555 0100' }
		},
		{ type: 'user.create', values: { ...form, userId: 'U2', name: 'Bo Lee', userType: 'Visitor' } },
		{
			type: 'user.create',
			values: { ...form, userId: 'U3', name: 'Chris Lee', userType: 'Member' }
		},
		...[
			['U1', '4660'],
			['U2', '72057594037927935']
		].map(([userId, number]) => ({
			type: 'card.add',
			userId,
			card: { number, type: 'decimal', validFrom: '2026-01-01', validTo: '2026-12-31' }
		}))
	];
	for (const mutation of mutations) {
		const response = await page.request.post('/api/mutations', {
			headers: { origin: site.url },
			data: { id: crypto.randomUUID(), ...mutation }
		});
		expect(response.status(), await response.text()).toBe(200);
	}
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { database } from '$lib/db/database';
import { sessionRow, storedCard, storedUser, uid } from '$lib/db/testing/test-db';
import type { Card, CardStatus } from '$lib/domain/model';
import { removalWarning, UserCards } from './user-cards.svelte';

const stored = (number: string, status: CardStatus): Card => storedCard(number, '1', { status });

describe('removalWarning', () => {
	it('tells the admin of an issued card to revoke it instead, and why', () => {
		const text = removalWarning('issued', 'D23F0824');
		expect(text).toMatch(/^Card D23F0824 is issued\. Removing it deletes it from Roster/);
		expect(text).toContain('its number can be registered to someone else');
		expect(text).toContain("If the card is still in someone's hands, revoke it instead");
	});

	it('says what goes with a revoked or a registered card', () => {
		expect(removalWarning('revoked', '5')).toContain('the record that it was revoked');
		expect(removalWarning('registered', '5')).toBe(
			'Card 5 is registered and not issued. Removing it deletes it from Roster, and its number can be registered again.'
		);
	});
});

describe('UserCards removal', () => {
	const db = database();
	beforeEach(async () => {
		await db.users.put(storedUser('1'));
		await db.cards.put(stored('10', 'issued'));
	});
	afterEach(async () => {
		await Promise.all([db.users.clear(), db.cards.clear(), db.importSessions.clear()]);
	});

	it('asks first and removes only once confirmed', async () => {
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS);
		cards.askToRemove(stored('10', 'issued'));
		expect(cards.removing?.number).toBe('10');
		expect(await db.cards.count()).toBe(1);
		expect(await cards.confirmRemoval()).toBe(true);
		expect(cards.removing).toBeNull();
		expect(await db.cards.count()).toBe(0);
		// Nothing asked, nothing removed.
		expect(await cards.confirmRemoval()).toBe(false);
	});

	it('keeps the card when an import refuses the removal, and says why', async () => {
		await db.importSessions.add(sessionRow('s', { status: 'running', fileName: 'big.csv' }));
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS);
		cards.askToRemove(stored('10', 'issued'));
		expect(await cards.confirmRemoval()).toBe(false);
		expect(cards.failure?.code).toBe('IMPORT_IN_PROGRESS');
		expect(await db.cards.count()).toBe(1);
	});
});

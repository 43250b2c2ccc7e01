import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { database } from '$lib/db/database';
import { storedCard, storedUser, uid } from '$lib/db/testing/test-db';
import type { Card, CardStatus } from '$lib/domain/model';
import type { MutationBody } from '$lib/domain/mutations';
import type { MutateAnswer } from '$lib/sync/api';
import { removalWarning, UserCards } from './user-cards.svelte';

/** The site as the form sees it: every mutation sent, and the answer the test chooses. */
function fakeSite(answer: MutateAnswer) {
	const sent: MutationBody[] = [];
	const send = (body: MutationBody) => {
		sent.push(body);
		return Promise.resolve(answer);
	};
	return { sent, send };
}

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

	it('asks first and sends the removal only once confirmed', async () => {
		const site = fakeSite({ status: 'applied', version: 2 });
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		cards.askToRemove(stored('10', 'issued'));
		expect(cards.removing?.number).toBe('10');
		expect(site.sent).toEqual([]);
		expect(await cards.confirmRemoval()).toBe(true);
		expect(cards.removing).toBeNull();
		expect(site.sent).toEqual([{ type: 'card.remove', number: '10' }]);
		// Nothing asked, nothing removed.
		expect(await cards.confirmRemoval()).toBe(false);
		expect(site.sent).toHaveLength(1);
	});

	it('says why when the server refuses the removal', async () => {
		const site = fakeSite({
			status: 'refused',
			error: { code: 'IMPORT_IN_PROGRESS', message: 'Import in progress: big.csv' }
		});
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		cards.askToRemove(stored('10', 'issued'));
		expect(await cards.confirmRemoval()).toBe(false);
		expect(cards.failure?.code).toBe('IMPORT_IN_PROGRESS');
	});

	it('shows a card number the server says is taken next to the Card ID', async () => {
		const site = fakeSite({
			status: 'refused',
			error: { code: 'DUPLICATE_CARD', message: 'Card 77 is already registered to Ana (2).' }
		});
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		cards.number = '77';
		expect(await cards.register(DEFAULT_APP_SETTINGS)).toBe(false);
		expect(cards.errors.number).toBe('Card 77 is already registered to Ana (2).');
		expect(site.sent).toMatchObject([{ type: 'card.add', userId: '1', card: { number: '77' } }]);
	});
});

describe('UserCards changes', () => {
	const db = database();
	const seen = storedCard('10', '1', { status: 'issued', version: 3 });
	beforeEach(async () => {
		await db.users.put(storedUser('1'));
		await db.cards.put(seen);
	});
	afterEach(async () => {
		await Promise.all([db.users.clear(), db.cards.clear()]);
	});

	it('sends issuing and revoking over the version the admin saw', async () => {
		const site = fakeSite({ status: 'applied', version: 4, card: { ...seen, status: 'revoked' } });
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		expect((await cards.revoke(seen))?.status).toBe('revoked');
		await cards.issue(seen);
		expect(site.sent).toEqual([
			{
				type: 'card.update',
				userId: '1',
				number: '10',
				baseVersion: 3,
				changes: { status: 'revoked' }
			},
			{
				type: 'card.update',
				userId: '1',
				number: '10',
				baseVersion: 3,
				changes: { status: 'issued' }
			}
		]);
	});

	it('keeps the dates typed when refused as changed meanwhile, now over the current card', async () => {
		const current = { ...seen, status: 'revoked' as const, version: 5 };
		const site = fakeSite({
			status: 'refused',
			error: {
				code: 'CHANGED_MEANWHILE',
				message: 'Card 10 was changed by Ana Admin (its status)',
				detail: { current } as unknown as Record<string, string>
			}
		});
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		cards.startEditing(seen);
		if (cards.editing) cards.editing.validTo = '2027-01-31';
		await cards.saveValidity();
		expect(site.sent).toMatchObject([
			{ baseVersion: 3, changes: { validFrom: '2026-01-01', validTo: '2027-01-31' } }
		]);
		expect(cards.failure?.message).toContain('Ana Admin');
		expect(cards.editing).toMatchObject({ validTo: '2027-01-31', card: { version: 5 } });
	});

	it('finds the dates form as it was when a change that waited offline is refused', async () => {
		const cards = new UserCards(
			uid('1'),
			DEFAULT_APP_SETTINGS,
			fakeSite({ status: 'queued' }).send
		);
		const error = { code: 'INVALID_INPUT' as const, message: 'Card end date is missing' };
		await cards.takeBack(
			{
				type: 'card.update',
				userId: '1',
				number: '10',
				baseVersion: 3,
				changes: { validFrom: '2026-02-01', validTo: '' }
			},
			error
		);
		expect(cards.editing).toMatchObject({ validFrom: '2026-02-01', validTo: '', card: seen });
		expect(cards.failure).toEqual(error);
	});

	it('checks the dates before sending anything', async () => {
		const site = fakeSite({ status: 'queued' });
		const cards = new UserCards(uid('1'), DEFAULT_APP_SETTINGS, site.send);
		cards.startEditing(seen);
		if (cards.editing) cards.editing.validTo = '2025-01-01';
		await cards.saveValidity();
		expect(cards.editErrors.validTo).toContain('is before');
		expect(site.sent).toEqual([]);
	});
});

describe('UserCards defaults', () => {
	const later = { ...DEFAULT_APP_SETTINGS, cardIdType: 'hexadecimal' as const };

	it('a register form nobody typed in follows the defaults; one typed in keeps its input', () => {
		const cards = new UserCards(
			uid('1'),
			DEFAULT_APP_SETTINGS,
			fakeSite({ status: 'queued' }).send
		);
		cards.followDefaults(later);
		expect(cards.type).toBe('hexadecimal');
		cards.number = '77';
		cards.followDefaults(DEFAULT_APP_SETTINGS);
		expect(cards).toMatchObject({ number: '77', type: 'hexadecimal' });
	});
});

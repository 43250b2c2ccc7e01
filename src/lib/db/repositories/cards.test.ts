import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { APP_SETTINGS_KEY } from '../app-settings';
import type { RosterDatabase } from '../database';
import { cardNo, day, sessionRow, testDatabase, uid, userInput } from '../testing/test-db';
import { createUser } from './users';
import { deleteCard, registerCard } from './cards';

let db: RosterDatabase;
const card = (number: string, userId = '1') => ({
	number: cardNo(number),
	userId: uid(userId),
	validFrom: day('2026-01-01'),
	validTo: day('2026-12-31')
});

beforeEach(async () => {
	db = testDatabase();
	await createUser(db, userInput('1', { name: 'Ana Park' }));
	await createUser(db, userInput('2', { name: 'Bo Lee' }));
});
afterEach(() => db.delete());

describe('registerCard', () => {
	it('registers a card to an existing user', async () => {
		const result = await registerCard(db, card('1001'), 3);
		expect(result.ok && result.value).toEqual({
			...card('1001'),
			status: 'registered',
			createdAt: 3,
			updatedAt: 3
		});
	});

	it('refuses a card beyond "Cards per user", naming the limit and where to change it', async () => {
		await db.settings.put({
			key: APP_SETTINGS_KEY,
			value: { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 2 },
			updatedAt: 1
		});
		expect((await registerCard(db, card('1'))).ok).toBe(true);
		expect((await registerCard(db, card('2'))).ok).toBe(true);
		const result = await registerCard(db, card('3'));
		expect(!result.ok && result.errors[0]).toMatchObject({
			code: 'INVALID_INPUT',
			message:
				'user 1 (Ana Park) already holds 2 cards, the most allowed per user (2): raise "Cards per user" in Settings, or remove a card the user no longer needs.'
		});
		expect((await registerCard(db, card('3', '2'))).ok).toBe(true);
	});

	it('refuses a number another user holds and names the holder', async () => {
		await registerCard(db, card('1001', '1'));
		const result = await registerCard(db, card('1001', '2'));
		expect(!result.ok && result.errors[0]).toMatchObject({
			code: 'DUPLICATE_CARD',
			message: 'Card 1001 is already registered to user 1 (Ana Park).'
		});
		expect((await db.cards.get(cardNo('1001')))?.userId).toBe('1');
	});

	it('keeps the form a card was typed in, and names a taken card in the form just typed', async () => {
		// 0xE8E25D94 = 3907149204, registered in decimal to Ana, typed again in hex for Bo.
		await registerCard(db, card('3907149204'));
		const typed = {
			...card('3907149204', '2'),
			enteredAs: { type: 'hexadecimal' as const, digits: 'E8E25D94' }
		};
		const result = await registerCard(db, typed);
		expect(!result.ok && result.errors[0]?.message).toBe(
			'Card E8E25D94 is already registered to user 1 (Ana Park).'
		);
		await db.cards.clear();
		await registerCard(db, typed);
		expect((await db.cards.get(cardNo('3907149204')))?.enteredAs).toEqual({
			type: 'hexadecimal',
			digits: 'E8E25D94'
		});
	});

	it('refuses a card for a user that does not exist', async () => {
		const result = await registerCard(db, card('5', 'ghost'));
		expect(!result.ok && result.errors[0]?.code).toBe('NOT_FOUND');
	});

	it('refuses an end date before the start date', async () => {
		const result = await registerCard(db, { ...card('5'), validTo: day('2025-01-01') });
		expect(!result.ok && result.errors[0]?.code).toBe('INVALID_INPUT');
		expect(await db.cards.count()).toBe(0);
	});

	it('is refused while an import runs', async () => {
		await db.importSessions.add(sessionRow('s', { status: 'running' }));
		const result = await registerCard(db, card('5'));
		expect(!result.ok && result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
	});
});

describe('card life cycle', () => {
	beforeEach(async () => {
		await registerCard(db, card('9'));
	});

	it('says when the card does not exist', async () => {
		expect((await deleteCard(db, cardNo('404'))).ok).toBe(false);
	});

	it('deletes a card', async () => {
		expect((await deleteCard(db, cardNo('9'))).ok).toBe(true);
		expect(await db.cards.count()).toBe(0);
	});

	it('refuses a removal while an import runs', async () => {
		await db.importSessions.add(sessionRow('s', { status: 'running' }));
		const result = await deleteCard(db, cardNo('9'));
		expect(!result.ok && result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
		expect(await db.cards.count()).toBe(1);
	});
});

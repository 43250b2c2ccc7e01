import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { cardNo, storedCard, storedUser, testDatabase } from '$lib/db/testing/test-db';
import type { Mutation } from '$lib/domain/mutations';
import { enqueueMutation, settleMutation } from './outbox';

let db: RosterDatabase;
const seen = storedCard('9', '1', { version: 4, updatedAt: 5 });
const revoke = (id: string, userId = '1'): Mutation => ({
	id,
	type: 'card.update',
	userId,
	number: '9',
	baseVersion: 4,
	changes: { status: 'revoked' }
});

beforeEach(async () => {
	db = testDatabase();
	await db.users.put(storedUser('1'));
	await db.cards.put(seen);
});
afterEach(() => db.delete());

describe('a card change in the outbox', () => {
	it('shows on the replica at once, and the server’s answer replaces it', async () => {
		const entry = await enqueueMutation(db, revoke('m1'), 10);
		expect(await db.cards.get(cardNo('9'))).toMatchObject({ status: 'revoked', version: 4 });
		expect(entry.before.cards).toEqual([{ key: '9', record: seen }]);
		const server = { ...seen, status: 'revoked' as const, updatedAt: 11, version: 7 };
		await settleMutation(db, 'm1', { ok: true, version: 7, card: server });
		expect(await db.cards.get(cardNo('9'))).toEqual(server);
		expect(await db.outbox.count()).toBe(0);
	});

	it('is undone when refused, and kept for the admin', async () => {
		await enqueueMutation(db, revoke('m1'), 10);
		const error = { code: 'IMPORT_IN_PROGRESS' as const, message: 'Import in progress' };
		await settleMutation(db, 'm1', { ok: false, error });
		expect(await db.cards.get(cardNo('9'))).toEqual(seen);
		expect((await db.outbox.get('m1'))?.refusal).toEqual(error);
	});

	it('puts the server’s card when refused as changed meanwhile, even one the feed left out', async () => {
		await enqueueMutation(db, revoke('m1'), 10);
		const current = { ...seen, validTo: '2027-06-30' as typeof seen.validTo, version: 6 };
		await settleMutation(db, 'm1', {
			ok: false,
			error: {
				code: 'CHANGED_MEANWHILE',
				message: 'Card 9 was changed by Ana',
				detail: { current } as unknown as Record<string, string>
			}
		});
		expect(await db.cards.get(cardNo('9'))).toEqual(current);
	});

	it('changes nothing here for a card another user holds now', async () => {
		const entry = await enqueueMutation(db, revoke('m1', '2'), 10);
		expect(entry.before).toEqual({ users: [], cards: [] });
		expect(await db.cards.get(cardNo('9'))).toEqual(seen);
	});
});

describe('a new user in the outbox', () => {
	it('refused because another admin took the User ID first, leaves that admin’s user, not none', async () => {
		const values = {
			userId: 'U7',
			name: 'Bo Lee',
			email: '',
			phone: '',
			userType: 'Employee',
			department: '',
			title: ''
		};
		await enqueueMutation(db, { id: 'm1', type: 'user.create', values }, 10);
		expect((await db.users.get(storedUser('U7').id))?.name).toBe('Bo Lee');
		// The winner's U7 came through the feed meanwhile and was left out: this copy looked newer.
		const winner = storedUser('U7', { name: 'Ana Park', version: 3 });
		await settleMutation(db, 'm1', {
			ok: false,
			error: {
				code: 'DUPLICATE_USER_ID',
				message: 'User ID "U7" is already used by user U7 (Ana Park).',
				detail: { userId: 'U7', current: winner } as unknown as Record<string, string>
			}
		});
		expect(await db.users.get(winner.id)).toEqual(winner);
	});
});

import { afterEach, describe, expect, it } from 'vitest';
import { database } from '$lib/db/database';
import { cardNo, day, storedUser, uid } from '$lib/db/testing/test-db';
import type { Card, CardStatus, SessionId } from '$lib/domain/model';
import { UnissuedCards, unissuedWarning } from './unissued-cards.svelte';

const stored = (number: string, userId: string, status: CardStatus): Card => ({
	number: cardNo(number),
	userId: uid(userId),
	status,
	validFrom: day('2026-01-01'),
	validTo: day('2026-12-31'),
	createdAt: 1,
	updatedAt: 1
});

describe('unissuedWarning', () => {
	it('says nothing when every card is issued', () => {
		expect(unissuedWarning({ status: 'known', count: 0 }, true)).toBeNull();
	});

	it('counts the cards not issued and says where to issue them, before and after Complete', () => {
		expect(unissuedWarning({ status: 'known', count: 1 }, true)).toBe(
			"1 card of this import's users is registered but not issued yet. Issue cards (in Continue Task) issues them all at once; after Complete, issue them on the Cards screen: Status Registered, select them, Issue selected."
		);
		// Issue cards can't run (a cancelled import): only the Cards screen is named.
		expect(unissuedWarning({ status: 'known', count: 60_000 }, false)).toBe(
			"60,000 cards of this import's users are registered but not issued yet. Issue them on the Cards screen: Status Registered, select them, Issue selected."
		);
	});

	it('never stays silent while counting or when the count failed', () => {
		expect(unissuedWarning({ status: 'checking' }, true)).toMatch(/Checking/);
		expect(unissuedWarning({ status: 'unknown' }, true)).toMatch(/could not be checked/);
	});
});

describe('UnissuedCards', () => {
	const db = database();
	afterEach(async () => {
		await Promise.all([db.users.clear(), db.cards.clear(), db.importResults.clear()]);
	});

	it("counts the registered cards of the import's users only", async () => {
		const session = 's1' as SessionId;
		await db.users.bulkPut(['1', '2', '3', 'other'].map((id) => storedUser(id)));
		await db.cards.bulkPut([
			stored('10', '1', 'registered'),
			stored('11', '2', 'issued'),
			stored('12', '3', 'registered'),
			stored('13', '3', 'revoked'),
			stored('14', 'other', 'registered')
		]);
		const row = (id: string, n: number) => ({ row: n, result: 'created' as const, values: [id] });
		await db.importResults.bulkPut([
			{ sessionId: session, chunk: 0, succeeded: [row('1', 2), row('2', 3)], failed: [] },
			{ sessionId: session, chunk: 1, succeeded: [row('3', 4)], failed: [] }
		]);
		const unissued = new UnissuedCards();
		const reading = unissued.read(session);
		expect(unissued.check).toEqual({ status: 'checking' });
		await reading;
		expect(unissued.check).toEqual({ status: 'known', count: 2 });
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Card, CardStatus } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import { cardNo, day, sessionRow, storedUser, testDatabase, uid } from '../testing/test-db';
import { countRegisteredCardsOf, issueSelectedCards } from './card-issuing';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const stored = (number: string, status: CardStatus, userId = '1'): Card => ({
	number: cardNo(number),
	userId: uid(userId),
	status,
	validFrom: day('2026-01-01'),
	validTo: day('2026-12-31'),
	createdAt: 1,
	updatedAt: 1
});

async function seed(...cards: Card[]): Promise<void> {
	await db.users.bulkPut([storedUser('1'), storedUser('2'), storedUser('3')]);
	await db.cards.bulkPut(cards);
}

describe('issueSelectedCards', () => {
	it('issues the registered cards of the selection and counts the others as they are now', async () => {
		await seed(stored('10', 'registered'), stored('11', 'issued'), stored('12', 'revoked'));
		const result = await issueSelectedCards(db, ['10', '11', '12', '99'].map(cardNo), 7);
		expect(result).toEqual({
			ok: true,
			value: { issued: 1, alreadyIssued: 1, revoked: 1, missing: 1 }
		});
		expect(await db.cards.get(cardNo('10'))).toMatchObject({
			status: 'issued',
			issuedAt: 7,
			updatedAt: 7
		});
		// The issued and revoked cards are left exactly as they were.
		expect(await db.cards.get(cardNo('11'))).toEqual(stored('11', 'issued'));
		expect(await db.cards.get(cardNo('12'))).toEqual(stored('12', 'revoked'));
	});

	it('is refused as a whole while an import holds the guard', async () => {
		await seed(stored('10', 'registered'), stored('11', 'registered'));
		await db.importSessions.add(sessionRow('s', { status: 'running', fileName: 'big.csv' }));
		const result = await issueSelectedCards(db, [cardNo('10'), cardNo('11')]);
		expect(!result.ok && result.errors[0]).toMatchObject({
			code: 'IMPORT_IN_PROGRESS',
			message: expect.stringContaining('big.csv') as string
		});
		expect((await db.cards.toArray()).map((card) => card.status)).toEqual([
			'registered',
			'registered'
		]);
	});

	it('issues 100 000 cards in one write, reporting its progress batch by batch', async () => {
		const total = 100_000;
		const cards = Array.from({ length: total }, (_, i) =>
			stored(String(1_000_000 + i), i % 10 === 0 ? 'issued' : 'registered', String((i % 3) + 1))
		);
		await seed(...cards);
		const progress: number[] = [];
		const started = performance.now();
		const result = await issueSelectedCards(
			db,
			cards.map((card) => card.number),
			9,
			(done) => progress.push(done)
		);
		const seconds = (performance.now() - started) / 1000;
		// Not a timing assertion (performance is measured by the benchmark): a rough figure to read.
		console.info(`issueSelectedCards: ${total} cards in ${seconds.toFixed(1)} s (fake-indexeddb)`);
		expect(result).toEqual({
			ok: true,
			value: { issued: 90_000, alreadyIssued: 10_000, revoked: 0, missing: 0 }
		});
		expect(progress.at(-1)).toBe(total);
		expect(progress.length).toBe(20);
		expect(await db.cards.where('userId').equals('1').count()).toBe(33_334);
		const statuses = new Map<CardStatus, number>();
		await db.cards.each((card) => {
			statuses.set(card.status, (statuses.get(card.status) ?? 0) + 1);
			if (card.status === 'issued' && card.issuedAt === undefined) throw new Error('no issuedAt');
		});
		expect(Object.fromEntries(statuses)).toEqual({ issued: total });
	}, 120_000);
});

describe('countRegisteredCardsOf', () => {
	it('counts the registered cards of the users, as issueCardsOf would issue them', async () => {
		await seed(
			stored('10', 'registered', '1'),
			stored('11', 'issued', '1'),
			stored('12', 'registered', '2'),
			stored('13', 'revoked', '2'),
			stored('14', 'registered', '3')
		);
		expect(await countRegisteredCardsOf(db, [uid('1'), uid('2'), uid('ghost')])).toBe(2);
		expect(await countRegisteredCardsOf(db, [])).toBe(0);
	});
});

import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, CardStatus, IsoDate, User, UserId } from './model';
import { printableCardsOf } from './printable-cards';

const user = (id: string): User => ({
	id: id as UserId,
	name: `Name ${id}`,
	userType: 'Employee',
	createdAt: 1,
	updatedAt: 1
});

const card = (number: string, userId: string, status: CardStatus): Card => ({
	number: number as CardNumber,
	userId: userId as UserId,
	status,
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate,
	createdAt: 1,
	updatedAt: 1
});

describe('printableCardsOf', () => {
	it('prints only issued cards, holder by holder in the order asked, with their image', () => {
		const photo = new Blob(['jpeg']);
		const printed = printableCardsOf(
			[user('U2'), undefined, user('U1')],
			[
				card('1', 'U1', 'issued'),
				card('2', 'U1', 'registered'),
				card('3', 'U2', 'revoked'),
				card('4', 'U2', 'issued'),
				card('5', 'U1', 'issued')
			],
			new Map([['U1' as UserId, photo]])
		);
		expect(printed.map(({ user, card }) => `${user.id}:${card.number}`)).toEqual([
			'U2:4',
			'U1:1',
			'U1:5'
		]);
		expect(printed.map(({ image }) => image)).toEqual([null, photo, photo]);
	});
});

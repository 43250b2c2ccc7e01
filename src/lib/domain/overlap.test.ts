import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, IsoDate, SessionId, User, UserId } from './model';
import { decideRow, type RowToDecide } from './overlap';

const NOW = 1_800_000_000_000;
const SESSION = 'sess-1' as SessionId;
const ctx = (policy: 'keep' | 'overwrite', maxCards = 8) => ({
	policy,
	now: NOW,
	sessionId: SESSION,
	maxCards
});

const row = (over: Partial<RowToDecide> = {}): RowToDecide => ({
	userId: '1001' as UserId,
	name: 'Kofi Novak',
	email: 'kofi@example.org',
	phone: '+1 555 000 1001',
	phoneDigits: '15550001001',
	userType: null,
	department: 'Research',
	title: null,
	cards: [],
	...over
});
const user = (over: Partial<User> = {}): User => ({
	id: '1001' as UserId,
	name: 'Kofi Novak',
	email: 'kofi@example.org',
	phone: '+1 555 000 1001',
	phoneDigits: '15550001001',
	userType: 'Visitor',
	department: 'Research',
	title: 'Engineer',
	createdAt: 1,
	updatedAt: 1,
	...over
});
const ana = user({ id: '1234' as UserId, name: 'Ana Park', email: 'a@b.co' });
const validity = { validFrom: '2026-01-01' as IsoDate, validTo: '2026-12-31' as IsoDate };
const rowCard = { number: '9000001' as CardNumber, ...validity };
const storedCard = (over: Partial<Card> = {}): Card => ({
	number: '9000001' as CardNumber,
	userId: '1001' as UserId,
	status: 'issued',
	...validity,
	createdAt: 1,
	updatedAt: 1,
	...over
});

const byNumber = (...cards: Card[]) => new Map(cards.map((c) => [c.number, c]));
const byId = (...users: User[]) => new Map(users.map((u) => [u.id, u]));
const newCard = {
	number: '9000001',
	userId: '1001',
	status: 'registered',
	...validity,
	importId: SESSION,
	createdAt: NOW,
	updatedAt: NOW
};

describe('decideRow', () => {
	it('creates a new user (blank type → Employee) and its card', () => {
		const d = decideRow(row({ cards: [rowCard] }), {}, ctx('keep'));
		expect(d).toEqual({
			outcome: 'created',
			user: {
				id: '1001',
				name: 'Kofi Novak',
				email: 'kofi@example.org',
				phone: '+1 555 000 1001',
				phoneDigits: '15550001001',
				userType: 'Employee',
				department: 'Research',
				createdAt: NOW,
				updatedAt: NOW,
				lastImportId: SESSION
			},
			userWritten: true,
			userResult: 'created',
			cards: [newCard],
			shown: [newCard],
			cardResults: { created: 1, updated: 0, kept: 0 }
		});
	});

	it('keeps an existing user under Keep, writing nothing', () => {
		const before = user();
		expect(
			decideRow(row({ name: 'Other', cards: [rowCard] }), { user: before }, ctx('keep'))
		).toEqual({
			outcome: 'kept',
			user: before,
			userWritten: false,
			userResult: 'kept',
			cards: [],
			shown: [],
			cardResults: { created: 0, updated: 0, kept: 1 }
		});
	});

	it('overwrites with non-blank cells only under Overwrite', () => {
		const before = user();
		const d = decideRow(
			row({ name: 'Kofi N.', department: null, userType: 'Member' }),
			{ user: before },
			ctx('overwrite')
		);
		expect(d).toMatchObject({
			outcome: 'updated',
			userWritten: true,
			userResult: 'updated',
			cards: [],
			user: {
				...before,
				name: 'Kofi N.',
				userType: 'Member',
				updatedAt: NOW,
				lastImportId: SESSION
			}
		});
	});

	it('reports kept when an overwrite would change nothing', () => {
		const before = user();
		expect(decideRow(row(), { user: before }, ctx('overwrite'))).toMatchObject({
			outcome: 'kept',
			user: before,
			userWritten: false,
			userResult: 'kept'
		});
	});

	it('adds a new card to an unchanged existing user as an update', () => {
		const before = user();
		const d = decideRow(row({ cards: [rowCard] }), { user: before }, ctx('overwrite'));
		expect(d).toMatchObject({
			outcome: 'updated',
			userWritten: false,
			userResult: 'kept',
			cardResults: { created: 1, updated: 0, kept: 0 }
		});
		expect(d.outcome === 'updated' && d.user).toBe(before);
		expect(d.outcome === 'updated' && d.cards[0]?.status).toBe('registered');
	});

	it('a card already on this user is fine; new dates update it under Overwrite', () => {
		const before = user();
		const card = storedCard();
		expect(
			decideRow(
				row({ cards: [rowCard] }),
				{ user: before, cards: byNumber(card), holders: byId(before) },
				ctx('overwrite')
			)
		).toMatchObject({
			outcome: 'kept',
			user: before,
			shown: [card],
			cardResults: { created: 0, updated: 0, kept: 1 }
		});
		const d = decideRow(
			row({ cards: [{ ...rowCard, validTo: '2027-06-30' as IsoDate }] }),
			{ user: before, cards: byNumber(card), holders: byId(before) },
			ctx('overwrite')
		);
		expect(d).toMatchObject({
			outcome: 'updated',
			cards: [{ ...card, validTo: '2027-06-30', updatedAt: NOW }],
			cardResults: { created: 0, updated: 1, kept: 0 }
		});
	});

	it('fails when email, phone or card belong to another user, naming that user', () => {
		const anasCard = storedCard({ userId: ana.id });
		const d = decideRow(
			row({ email: 'a@b.co', cards: [rowCard] }),
			{ emailOwner: ana, phoneOwner: ana, cards: byNumber(anasCard), holders: byId(ana) },
			ctx('keep')
		);
		expect(d).toEqual({
			outcome: 'failed',
			errors: [
				{ field: 'email', message: 'Email "a@b.co" belongs to user 1234 (Ana Park)' },
				{ field: 'phone', message: 'Phone "+1 555 000 1001" belongs to user 1234 (Ana Park)' },
				{ field: 'cardId', message: 'Card ID "9000001" belongs to user 1234 (Ana Park)' }
			]
		});
	});

	it('names the holder by ID when only the card is known, and the card as the row wrote it', () => {
		const d = decideRow(
			row({ cards: [{ ...rowCard, enteredAs: { type: 'hexadecimal', digits: '00895441' } }] }),
			{ cards: byNumber(storedCard({ userId: '77' as UserId })) },
			ctx('overwrite')
		);
		expect(d).toEqual({
			outcome: 'failed',
			errors: [{ field: 'cardId', message: 'Card ID "00895441" belongs to user 77' }]
		});
	});

	it('the user’s own email and phone are no conflict', () => {
		const before = user();
		const d = decideRow(
			row({ title: 'Lead' }),
			{ user: before, emailOwner: before, phoneOwner: before },
			ctx('overwrite')
		);
		expect(d.outcome).toBe('updated');
	});

	it('a later row adds its cards to the user an earlier row of this import created, also under Keep', () => {
		const created = user({ lastImportId: SESSION });
		const later = row({
			name: '',
			firstRow: 2,
			cards: [rowCard, { ...rowCard, number: '12' as CardNumber }]
		});
		for (const policy of ['keep', 'overwrite'] as const) {
			const d = decideRow(later, { user: created, cardsHeld: 1 }, ctx(policy));
			expect(d).toMatchObject({
				outcome: 'updated',
				user: created,
				userWritten: false,
				userResult: null,
				cardResults: { created: 2, updated: 0, kept: 0 }
			});
		}
		// A user that existed before the import is kept, its later rows too.
		expect(decideRow(later, { user: user() }, ctx('keep'))).toMatchObject({
			outcome: 'kept',
			userResult: null,
			cards: [],
			cardResults: { created: 0, updated: 0, kept: 2 }
		});
	});

	it('fails a later row whose first row wrote no user, naming that row', () => {
		expect(decideRow(row({ firstRow: 7, cards: [rowCard] }), {}, ctx('overwrite'))).toEqual({
			outcome: 'failed',
			errors: [
				{
					field: 'userId',
					message:
						'User ID "1001" was not imported by row 7, its first row, so this row\'s cards cannot be added: fix row 7, then import both rows again'
				}
			]
		});
	});

	it('fails a row that would give its user more cards than allowed, counting stored ones', () => {
		const twoMore = row({ cards: [rowCard, { ...rowCard, number: '12' as CardNumber }] });
		const d = decideRow(twoMore, { user: user(), cardsHeld: 7 }, ctx('overwrite', 8));
		expect(d).toEqual({
			outcome: 'failed',
			errors: [
				{
					field: 'cardId',
					message:
						'user 1001 (Kofi Novak) would hold 9 cards (7 already, 2 in this row), more than the 8 cards per user allowed: raise "Cards per user" in Settings, or remove cards the user no longer needs'
				}
			]
		});
		// Cards the user already holds do not count twice.
		const held = storedCard();
		const again = decideRow(
			row({ cards: [rowCard] }),
			{ user: user(), cardsHeld: 8, cards: byNumber(held) },
			ctx('overwrite', 8)
		);
		expect(again.outcome).toBe('kept');
	});

	it('names each card of the row that another user holds', () => {
		const d = decideRow(
			row({ cards: [rowCard, { ...rowCard, number: '12' as CardNumber }] }),
			{
				cards: byNumber(
					storedCard({ userId: ana.id }),
					storedCard({ number: '12' as CardNumber, userId: ana.id })
				),
				holders: byId(ana)
			},
			ctx('keep')
		);
		expect(d.outcome === 'failed' && d.errors.map((e) => e.message)).toEqual([
			'Card ID "9000001" belongs to user 1234 (Ana Park)',
			'Card ID "12" belongs to user 1234 (Ana Park)'
		]);
	});
});

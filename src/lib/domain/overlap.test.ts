import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, IsoDate, SessionId, User, UserId } from './model';
import { decideRow, type RowToDecide } from './overlap';

const NOW = 1_800_000_000_000;
const SESSION = 'sess-1' as SessionId;
const ctx = (policy: 'keep' | 'overwrite') => ({ policy, now: NOW, sessionId: SESSION });

const row = (over: Partial<RowToDecide> = {}): RowToDecide => ({
	userId: '1001' as UserId,
	name: 'Kofi Novak',
	email: 'kofi@example.org',
	phone: '+1 555 000 1001',
	phoneDigits: '15550001001',
	userType: null,
	department: 'Research',
	title: null,
	card: null,
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

describe('decideRow', () => {
	it('creates a new user (blank type → Employee) and its card', () => {
		const d = decideRow(row({ card: rowCard }), {}, ctx('keep'));
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
			card: {
				number: '9000001',
				userId: '1001',
				status: 'registered',
				...validity,
				importId: SESSION,
				createdAt: NOW,
				updatedAt: NOW
			}
		});
	});

	it('keeps an existing user under Keep, writing nothing', () => {
		const before = user();
		expect(decideRow(row({ name: 'Other', card: rowCard }), { user: before }, ctx('keep'))).toEqual(
			{
				outcome: 'kept',
				user: before
			}
		);
	});

	it('overwrites with non-blank cells only under Overwrite', () => {
		const before = user();
		const d = decideRow(
			row({ name: 'Kofi N.', department: null, userType: 'Member' }),
			{ user: before },
			ctx('overwrite')
		);
		expect(d).toEqual({
			outcome: 'updated',
			before,
			card: null,
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
		expect(decideRow(row(), { user: before }, ctx('overwrite'))).toEqual({
			outcome: 'kept',
			user: before
		});
	});

	it('adds a new card to an unchanged existing user as an update', () => {
		const before = user();
		const d = decideRow(row({ card: rowCard }), { user: before }, ctx('overwrite'));
		expect(d.outcome).toBe('updated');
		expect(d.outcome === 'updated' && d.user).toBe(before);
		expect(d.outcome === 'updated' && d.card?.status).toBe('registered');
	});

	it('a card already on this user is fine; new dates update it under Overwrite', () => {
		const before = user();
		const card = storedCard();
		expect(
			decideRow(
				row({ card: rowCard }),
				{ user: before, card, cardHolder: before },
				ctx('overwrite')
			)
		).toEqual({
			outcome: 'kept',
			user: before
		});
		const d = decideRow(
			row({ card: { ...rowCard, validTo: '2027-06-30' as IsoDate } }),
			{ user: before, card, cardHolder: before },
			ctx('overwrite')
		);
		expect(d).toMatchObject({
			outcome: 'updated',
			card: { ...card, validTo: '2027-06-30', updatedAt: NOW }
		});
	});

	it('fails when email, phone or card belong to another user, naming that user', () => {
		const anasCard = storedCard({ userId: ana.id });
		const d = decideRow(
			row({ email: 'a@b.co', card: rowCard }),
			{ emailOwner: ana, phoneOwner: ana, card: anasCard, cardHolder: ana },
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
			row({ card: { ...rowCard, enteredAs: { type: 'hexadecimal', digits: '00895441' } } }),
			{ card: storedCard({ userId: '77' as UserId }) },
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
});

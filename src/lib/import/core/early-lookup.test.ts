import { describe, expect, it } from 'vitest';
import type { ChunkLookups, LookupKeys } from '../../domain/import-store';
import type { Card, CardNumber, IsoDate, User, UserId } from '../../domain/model';
import { earlyAnswerHolds, mayLookUpEarly, touchedBy } from './early-lookup';

const user = (id: string, extra: Partial<User> = {}): User => ({
	id: id as UserId,
	name: `Person ${id}`,
	userType: 'Employee',
	createdAt: 1,
	updatedAt: 1,
	...extra
});
const card = (number: string, userId: string): Card => ({
	number: number as CardNumber,
	userId: userId as UserId,
	status: 'registered',
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2027-01-01' as IsoDate,
	createdAt: 1,
	updatedAt: 1
});
const found = (users: User[] = [], cards: Card[] = []): ChunkLookups => ({
	users: new Map(users.map((u) => [u.id, u])),
	byEmail: new Map(users.filter((u) => u.email).map((u) => [u.email ?? '', u])),
	byPhone: new Map(users.filter((u) => u.phoneDigits).map((u) => [u.phoneDigits ?? '', u])),
	cards: new Map(cards.map((c) => [c.number, c])),
	cardCounts: new Map()
});
const keys = (some: Partial<LookupKeys>): LookupKeys => ({
	userIds: [],
	laterUserIds: [],
	emails: [],
	phones: [],
	cards: [],
	...some
});

// The chunk being committed wrote U1 (a@x, 555) with card 10, and moved card 20 from U9 to U2.
const touched = touchedBy(
	{
		users: [user('U1', { email: 'a@x', phoneDigits: '555' })],
		cards: [card('10', 'U1'), card('20', 'U2')]
	},
	found([], [card('20', 'U9')])
);

describe('a look-up read while the chunk before commits', () => {
	it('goes ahead when it asks for nothing that chunk touched', () => {
		expect(
			mayLookUpEarly(
				keys({
					userIds: ['U3' as UserId],
					emails: ['b@x'],
					phones: ['556'],
					cards: ['30' as CardNumber]
				}),
				touched
			)
		).toBe(true);
	});

	it('waits for a user, email, phone or card that chunk wrote', () => {
		for (const asked of [
			keys({ userIds: ['U1' as UserId] }),
			keys({ laterUserIds: ['U1' as UserId] }),
			keys({ emails: ['a@x'] }),
			keys({ phones: ['555'] }),
			keys({ cards: ['10' as CardNumber] })
		])
			expect(mayLookUpEarly(asked, touched)).toBe(false);
	});

	it('waits for a user whose cards it added or took away (their count changes)', () => {
		expect(mayLookUpEarly(keys({ userIds: ['U2' as UserId] }), touched)).toBe(false);
		expect(mayLookUpEarly(keys({ userIds: ['U9' as UserId] }), touched)).toBe(false);
	});

	it('is read again when its answer holds a user that chunk wrote, found by another key', () => {
		// U1's old email, read before the commit changed it.
		const stale = found([user('U1', { email: 'old@x' })]);
		expect(earlyAnswerHolds(stale, touched)).toBe(false);
	});

	it('is read again when its answer holds a card of a user whose cards changed', () => {
		expect(earlyAnswerHolds(found([], [card('40', 'U9')]), touched)).toBe(false);
		expect(earlyAnswerHolds(found([user('U3')], [card('40', 'U3')]), touched)).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, IsoDate, User, UserId } from './model';
import {
	UNDO_SKIPS_LISTED,
	addSkipped,
	cardFingerprint,
	planUndo,
	userFingerprint,
	type UndoSkip
} from './undo-plan';

const user = (id: string, name: string, extra: Partial<User> = {}): User => ({
	id: id as UserId,
	name,
	userType: 'Employee',
	createdAt: 1,
	updatedAt: 1,
	...extra
});
const card = (number: string, userId: string, extra: Partial<Card> = {}): Card => ({
	number: number as CardNumber,
	userId: userId as UserId,
	status: 'registered',
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate,
	createdAt: 1,
	updatedAt: 1,
	...extra
});
const byId = (...users: User[]) => new Map(users.map((u) => [u.id, u]));
const byNumber = (...cards: Card[]) => new Map(cards.map((c) => [c.number, c]));

describe('userFingerprint', () => {
	it('changes with what an import or the form sets, not with the image flag or the time', () => {
		const ana = user('1', 'Ana');
		expect(userFingerprint({ ...ana, hasImage: true, updatedAt: 9 })).toBe(userFingerprint(ana));
		expect(userFingerprint({ ...ana, title: 'Lead' })).not.toBe(userFingerprint(ana));
		expect(cardFingerprint(card('5', '1', { status: 'issued' }))).not.toBe(
			cardFingerprint(card('5', '1'))
		);
	});
});

describe('planUndo', () => {
	it('replays an entry written before fingerprints existed as before', () => {
		const plan = planUndo(
			{ users: [{ id: '1' as UserId, before: null }], cards: [] },
			byId(user('1', 'Ana Edited')),
			byNumber()
		);
		expect(plan).toEqual({
			users: { remove: ['1'], restore: [] },
			cards: { remove: [], restore: [] },
			skipped: []
		});
	});

	it('leaves an edited user with their cards, and lets a removed user take theirs', () => {
		const written = user('1', 'Ana');
		const created = user('2', 'Bo');
		const plan = planUndo(
			{
				users: [
					{ id: written.id, before: null, written: userFingerprint(written) },
					{ id: created.id, before: null, written: userFingerprint(created) }
				],
				cards: [
					{ number: '5' as CardNumber, before: null, written: cardFingerprint(card('5', '1')) },
					{ number: '6' as CardNumber, before: null, written: cardFingerprint(card('6', '2')) }
				]
			},
			byId({ ...written, name: 'Ana Edited' }, created),
			byNumber(card('5', '1'), card('6', '2', { status: 'issued' }))
		);
		expect(plan).toEqual({
			users: { remove: ['2'], restore: [] },
			cards: { remove: ['6'], restore: [] },
			skipped: [{ userId: '1', name: 'Ana Edited', reason: 'changed since the import' }]
		});
	});
});

describe('addSkipped', () => {
	it('counts every skipped record and lists the first ones', () => {
		const skip = (n: number): UndoSkip => ({
			userId: `${n}` as UserId,
			name: `P${n}`,
			reason: 'x'
		});
		const many = Array.from({ length: UNDO_SKIPS_LISTED + 5 }, (_, n) => skip(n));
		const total = addSkipped(addSkipped(undefined, many.slice(0, 3)), many.slice(3));
		expect(total.total).toBe(UNDO_SKIPS_LISTED + 5);
		expect(total.listed).toEqual(many.slice(0, UNDO_SKIPS_LISTED));
	});
});

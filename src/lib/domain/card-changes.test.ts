import { describe, expect, it } from 'vitest';
import { cardChangedMeanwhileMessage, changeCard, changedCardFields } from './card-changes';
import type { Card } from './model';

const card = {
	number: '9',
	userId: '1',
	status: 'registered',
	validFrom: '2026-01-01',
	validTo: '2026-12-31',
	createdAt: 1,
	updatedAt: 5
} as Card;

describe('changeCard', () => {
	it('issues a card at the time given, and revoking keeps when it was issued', () => {
		const issued = changeCard(card, { status: 'issued' }, 10);
		expect(issued.ok && issued.value).toMatchObject({
			status: 'issued',
			issuedAt: 10,
			updatedAt: 10
		});
		if (!issued.ok) return;
		const revoked = changeCard(issued.value, { status: 'revoked' }, 11);
		expect(revoked.ok && revoked.value).toMatchObject({ status: 'revoked', issuedAt: 10 });
		const again = changeCard(issued.value, { status: 'issued' }, 12);
		expect(again.ok && again.value.issuedAt).toBe(10);
	});

	it('re-dates a card by the card form’s rule, and refuses an end before the start', () => {
		const redated = changeCard(card, { validFrom: '2026-02-01', validTo: '2030-01-31' }, 10);
		expect(redated.ok && redated.value).toMatchObject({
			status: 'registered',
			validFrom: '2026-02-01',
			validTo: '2030-01-31'
		});
		const backwards = changeCard(card, { validTo: '2025-12-31' }, 10);
		expect(!backwards.ok && backwards.errors[0]?.validTo).toBe(
			'Card end date 2025-12-31 is before Card start date 2026-01-01'
		);
		expect(changeCard(card, { validFrom: '' }, 10).ok).toBe(false);
	});

	it('always moves updatedAt forward, even on a clock behind the card’s', () => {
		const changed = changeCard(card, { status: 'revoked' }, 1);
		expect(changed.ok && changed.value.updatedAt).toBe(6);
	});
});

describe('a card changed meanwhile', () => {
	it('lists the fields of the card’s line that differ, and says who and what to do', () => {
		const current = { ...card, status: 'revoked' as const, validTo: card.validTo, updatedAt: 9 };
		expect(changedCardFields(card, current)).toEqual(['status']);
		expect(changedCardFields(card, { ...card, updatedAt: 9 })).toEqual([]);
		expect(cardChangedMeanwhileMessage(card, ['status', 'validFrom', 'validTo'], 'Ana Admin')).toBe(
			'Card 9 was changed by Ana Admin (its status, its start date and its end date) since you looked at it, so nothing was saved. Check the card as it is now and try again.'
		);
	});
});

/**
 * What an admin changes on one card from the user page — issuing it, revoking it, its validity
 * dates — as one rule for the browser's outbox, which applies it to the replica at once, and the
 * server, which judges it (docs/architecture.md, "Writes are mutations").
 */
import { showCardNumber } from './card-number';
import type { Card, CardStatus } from './model';
import { fail, ok, type Result } from './result';
import { validateValidity, type FieldErrors } from './user-form';

/** A card change: a new status, new validity dates, or both. Absent parts stay as they are. */
export interface CardChanges {
	status?: Exclude<CardStatus, 'registered'>;
	validFrom?: string;
	validTo?: string;
}

/** What the card's line on the user page shows, and so what a stale change is judged by. */
export const CARD_CHANGE_FIELDS = ['status', 'validFrom', 'validTo'] as const;
export type CardChangeField = (typeof CARD_CHANGE_FIELDS)[number];

const LABELS: Record<CardChangeField, string> = {
	status: 'its status',
	validFrom: 'its start date',
	validTo: 'its end date'
};

/**
 * The card with the changes made at `now`. Issuing stamps `issuedAt` unless the card is issued
 * already; revoking keeps it, as the record of when the card was handed out. Dates obey the card
 * form's rule (both present, the end not before the start).
 */
export function changeCard(
	card: Card,
	changes: CardChanges,
	now: number
): Result<Card, FieldErrors<'validFrom' | 'validTo'>> {
	const validity = validateValidity(
		changes.validFrom ?? card.validFrom,
		changes.validTo ?? card.validTo
	);
	if (!validity.ok) return fail(validity.errors[0] ?? {});
	const status = changes.status ?? card.status;
	const issuedAt = status === 'issued' && card.status !== 'issued' ? now : card.issuedAt;
	return ok({
		...card,
		...validity.value,
		status,
		...(issuedAt === undefined ? {} : { issuedAt }),
		updatedAt: Math.max(now, card.updatedAt + 1)
	});
}

/** The fields of the card's line that differ between the version an admin saw and `current`. */
export function changedCardFields(seen: Card, current: Card): CardChangeField[] {
	return CARD_CHANGE_FIELDS.filter((key) => seen[key] !== current[key]);
}

/** The refusal of a change made to a card as it was before someone else changed it. */
export function cardChangedMeanwhileMessage(
	card: Card,
	fields: readonly CardChangeField[],
	changedBy: string
): string {
	const labels = fields.map((key) => LABELS[key]);
	const last = labels.pop() ?? 'it';
	const what = labels.length === 0 ? last : `${labels.join(', ')} and ${last}`;
	return `Card ${showCardNumber(card)} was changed by ${changedBy} (${what}) since you looked at it, so nothing was saved. Check the card as it is now and try again.`;
}

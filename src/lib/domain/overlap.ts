/**
 * What a valid row does to the database, decided from what the database already holds for its
 * User ID, email, phone and card number (the engine looks those up per chunk). Pure: the engine
 * writes what the decision says, in one transaction with the journal, so a failed row never
 * half-writes.
 *
 * Rules:
 * - an email or phone that belongs to ANOTHER user fails the row and names that user;
 * - a card held by another user fails the row and names the holder; a card already on this user
 *   is fine: no new card record. Under Overwrite, if the row's validity dates differ from the
 *   card's, the decision carries the card with the new dates (so the engine updates it);
 *   otherwise `card` is null;
 * - a new user is created (blank User type → Employee), with its card if the row has one;
 * - an existing user under Keep is kept: nothing is written, not even a new card, and the row's
 *   email/phone/card are not checked since none of them would be stored;
 * - an existing user under Overwrite takes the row's non-blank cells (blank keeps what is there);
 *   when nothing would change the outcome is `kept`, so re-importing an exported file changes
 *   nothing. A new card for an existing user whose fields do not change is `updated` with the
 *   user as it was (`user === before`) and the card to add.
 */
import { showCardNumber } from './card-number';
import { quote } from './field-rules';
import { FIELDS } from './fields';
import type { Card, OverwritePolicy, SessionId, User, UserId } from './model';
import type { RowError, ValidRow } from './validate-row';

export interface Existing {
	/** The user with the row's User ID. */
	user?: User;
	/** The user whose email equals the row's (lower-cased). */
	emailOwner?: User;
	/** The user whose phone digits equal the row's. */
	phoneOwner?: User;
	/** The card with the row's card number. */
	card?: Card;
	/** The user who holds `card`. */
	cardHolder?: User;
}

export type Decision =
	| { outcome: 'created'; user: User; card: Card | null }
	| { outcome: 'updated'; user: User; before: User; card: Card | null }
	| { outcome: 'kept'; user: User }
	| { outcome: 'failed'; errors: RowError[] };

export interface DecisionContext {
	policy: OverwritePolicy;
	/** Epoch milliseconds for createdAt/updatedAt. */
	now: number;
	sessionId: SessionId;
}

export type RowToDecide = ValidRow & { userId: UserId };

/** `user 1234 (Ana Park)`, or `user 1234` when only the ID is known. */
function describeUser(id: UserId, user: User | undefined): string {
	return user ? `user ${id} (${user.name})` : `user ${id}`;
}

/** The stored fields a row can set; blank (null) cells leave the base value. */
function applyRow(base: Partial<User>, row: RowToDecide): Partial<User> {
	const next: Partial<User> = { ...base, name: row.name };
	if (row.email !== null) next.email = row.email;
	if (row.phone !== null) next.phone = row.phone;
	if (row.phoneDigits !== null) next.phoneDigits = row.phoneDigits;
	if (row.userType !== null) next.userType = row.userType;
	if (row.department !== null) next.department = row.department;
	if (row.title !== null) next.title = row.title;
	if (row.imageFile !== undefined) next.imageFile = row.imageFile;
	return next;
}

const COMPARED = [
	'name',
	'email',
	'phone',
	'phoneDigits',
	'userType',
	'department',
	'title',
	'imageFile'
] as const satisfies readonly (keyof User)[];

function conflicts(row: RowToDecide, existing: Existing): RowError[] {
	const errors: RowError[] = [];
	const owner = existing.emailOwner;
	if (row.email !== null && owner && owner.id !== row.userId) {
		errors.push({
			field: 'email',
			message: `${FIELDS.email.label} ${quote(row.email)} belongs to ${describeUser(owner.id, owner)}`
		});
	}
	const phoneOwner = existing.phoneOwner;
	if (row.phone !== null && phoneOwner && phoneOwner.id !== row.userId) {
		errors.push({
			field: 'phone',
			message: `${FIELDS.phone.label} ${quote(row.phone)} belongs to ${describeUser(phoneOwner.id, phoneOwner)}`
		});
	}
	const card = existing.card;
	if (row.card !== null && card && card.userId !== row.userId) {
		errors.push({
			field: 'cardId',
			message: `${FIELDS.cardId.label} ${quote(showCardNumber(row.card))} belongs to ${describeUser(card.userId, existing.cardHolder)}`
		});
	}
	return errors;
}

/** The card record the row asks for, or null when nothing about cards needs writing. */
function cardToWrite(row: RowToDecide, existing: Existing, ctx: DecisionContext): Card | null {
	if (row.card === null) return null;
	const current = existing.card;
	if (!current) {
		return {
			number: row.card.number,
			...(row.card.enteredAs ? { enteredAs: row.card.enteredAs } : {}),
			...(row.card.wiegand ? { wiegand: row.card.wiegand } : {}),
			userId: row.userId,
			status: 'registered',
			validFrom: row.card.validFrom,
			validTo: row.card.validTo,
			importId: ctx.sessionId,
			createdAt: ctx.now,
			updatedAt: ctx.now
		};
	}
	const datesChanged =
		current.validFrom !== row.card.validFrom || current.validTo !== row.card.validTo;
	if (ctx.policy === 'overwrite' && datesChanged) {
		return {
			...current,
			validFrom: row.card.validFrom,
			validTo: row.card.validTo,
			updatedAt: ctx.now
		};
	}
	return null;
}

export function decideRow(row: RowToDecide, existing: Existing, ctx: DecisionContext): Decision {
	const before = existing.user;
	if (before && ctx.policy === 'keep') return { outcome: 'kept', user: before };

	const errors = conflicts(row, existing);
	if (errors.length > 0) return { outcome: 'failed', errors };

	const card = cardToWrite(row, existing, ctx);
	if (!before) {
		const fields = applyRow({ userType: 'Employee' }, row);
		const user: User = {
			...fields,
			id: row.userId,
			name: row.name,
			userType: fields.userType ?? 'Employee',
			createdAt: ctx.now,
			updatedAt: ctx.now,
			lastImportId: ctx.sessionId
		};
		return { outcome: 'created', user, card };
	}

	const merged = applyRow(before, row);
	const userChanged = COMPARED.some((key) => merged[key] !== before[key]);
	if (!userChanged && card === null) return { outcome: 'kept', user: before };
	const user: User = userChanged
		? { ...before, ...merged, updatedAt: ctx.now, lastImportId: ctx.sessionId }
		: before;
	return { outcome: 'updated', user, before, card };
}

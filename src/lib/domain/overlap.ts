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
 * - a new user is created (blank User type → Employee), with the row's cards;
 * - an existing user under Keep is kept: nothing is written, not even a new card, and the row's
 *   email/phone/cards are not checked since none of them would be stored. A user this import
 *   created (an earlier row with the same User ID) is not "existing": Keep and Overwrite apply
 *   per user, decided at its first row;
 * - an existing user under Overwrite takes the row's non-blank cells (blank keeps what is there);
 *   when nothing would change the outcome is `kept`, so re-importing an exported file changes
 *   nothing. A new card for an existing user whose fields do not change is `updated` with the
 *   user not written;
 * - a later row of a User ID (`firstRow` set) adds its cards to the user its first row left; if
 *   no such user exists (that row failed), the later row fails and names it; if the user existed
 *   before the import, the later row is decided against it like any row;
 * - a user holds at most `maxCards` cards, counting those stored (`cardsHeld`): more fails the row
 *   and names the setting.
 */
import { showCardNumber } from './card-number';
import { quote } from './field-rules';
import { FIELDS } from './fields';
import type { Card, CardNumber, OverwritePolicy, SessionId, User, UserId } from './model';
import type { RowError, ValidRow } from './validate-row';

export interface Existing {
	/** The user with the row's User ID. */
	user?: User;
	/** The user whose email equals the row's (lower-cased). */
	emailOwner?: User;
	/** The user whose phone digits equal the row's. */
	phoneOwner?: User;
	/** The stored cards with the row's card numbers, whoever holds them. */
	cards?: ReadonlyMap<CardNumber, Card>;
	/** The holders of those cards, by ID. */
	holders?: ReadonlyMap<UserId, User>;
	/** How many cards `user` holds now (stored, and written by earlier rows of this import). */
	cardsHeld?: number;
}

/** What a row did to its cards, one count per card. */
export interface CardTally {
	created: number;
	updated: number;
	kept: number;
}

export type RowOutcome = 'created' | 'updated' | 'kept';

export interface Decided {
	/** The row's result: `updated` when it changed the user or any of their cards. */
	outcome: RowOutcome;
	/** The user as it is after the row. */
	user: User;
	/** True when `user` is to be written (created, or its fields changed). */
	userWritten: boolean;
	/** The row's result for its user; null for a later row of a User ID (counted at the first). */
	userResult: RowOutcome | null;
	/** Card records to write: new ones, or new validity dates. */
	cards: Card[];
	/** The row's cards as stored after it, for the succeeded file (a kept user's own cards only). */
	shown: Card[];
	cardResults: CardTally;
}

export type Decision = Decided | { outcome: 'failed'; errors: RowError[] };

export interface DecisionContext {
	policy: OverwritePolicy;
	/** Epoch milliseconds for createdAt/updatedAt. */
	now: number;
	sessionId: SessionId;
	/** The most cards a user may hold (Settings, "Cards per user"). */
	maxCards: number;
}

/** `firstRow`: the earlier row that gave the same User ID, when this is a later row. */
export type RowToDecide = ValidRow & { userId: UserId; firstRow?: number };

/** `user 1234 (Ana Park)`, or `user 1234` when only the ID is known. */
function describeUser(id: UserId, user: User | undefined): string {
	return user ? `user ${id} (${user.name})` : `user ${id}`;
}

/** The stored fields a row can set; blank (null) cells leave the base value. */
function applyRow(base: Partial<User>, row: RowToDecide): Partial<User> {
	// A later row of a User ID may leave the Name blank: the user keeps theirs.
	const next: Partial<User> = row.name === '' ? { ...base } : { ...base, name: row.name };
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
	for (const wanted of row.cards) {
		const card = existing.cards?.get(wanted.number);
		if (!card || card.userId === row.userId) continue;
		errors.push({
			field: 'cardId',
			message: `${FIELDS.cardId.label} ${quote(showCardNumber(wanted))} belongs to ${describeUser(card.userId, existing.holders?.get(card.userId))}`
		});
	}
	return errors;
}

/** The user a row creates (blank User type → Employee). */
export function newUser(row: RowToDecide, ctx: Pick<DecisionContext, 'now' | 'sessionId'>): User {
	const fields = applyRow({ userType: 'Employee' }, row);
	return {
		...fields,
		id: row.userId,
		name: row.name,
		userType: fields.userType ?? 'Employee',
		createdAt: ctx.now,
		updatedAt: ctx.now,
		lastImportId: ctx.sessionId
	};
}

/** The card records the row asks for, and what each of its cards does. */
function cardsToWrite(row: RowToDecide, existing: Existing, ctx: DecisionContext) {
	const write: Card[] = [];
	const shown: Card[] = [];
	const tally: CardTally = { created: 0, updated: 0, kept: 0 };
	for (const wanted of row.cards) {
		const current = existing.cards?.get(wanted.number);
		if (!current) {
			const card: Card = {
				number: wanted.number,
				...(wanted.enteredAs ? { enteredAs: wanted.enteredAs } : {}),
				...(wanted.wiegand ? { wiegand: wanted.wiegand } : {}),
				userId: row.userId,
				status: 'registered',
				validFrom: wanted.validFrom,
				validTo: wanted.validTo,
				importId: ctx.sessionId,
				createdAt: ctx.now,
				updatedAt: ctx.now
			};
			write.push(card);
			shown.push(card);
			tally.created += 1;
			continue;
		}
		const datesChanged =
			current.validFrom !== wanted.validFrom || current.validTo !== wanted.validTo;
		if (ctx.policy === 'overwrite' && datesChanged) {
			const card = {
				...current,
				validFrom: wanted.validFrom,
				validTo: wanted.validTo,
				updatedAt: ctx.now
			};
			write.push(card);
			shown.push(card);
			tally.updated += 1;
		} else {
			shown.push(current);
			tally.kept += 1;
		}
	}
	return { write, shown, tally };
}

/** The user and their row's cards left as they are (Keep), only their own cards shown. */
function keptAsIs(row: RowToDecide, user: User, existing: Existing): Decided {
	const shown = row.cards.flatMap((wanted) => {
		const card = existing.cards?.get(wanted.number);
		return card && card.userId === row.userId ? [card] : [];
	});
	return {
		outcome: 'kept',
		user,
		userWritten: false,
		userResult: row.firstRow === undefined ? 'kept' : null,
		cards: [],
		shown,
		cardResults: { created: 0, updated: 0, kept: row.cards.length }
	};
}

export function decideRow(row: RowToDecide, existing: Existing, ctx: DecisionContext): Decision {
	const before = existing.user;
	if (row.firstRow !== undefined && !before) {
		return {
			outcome: 'failed',
			errors: [
				{
					field: 'userId',
					message: `${FIELDS.userId.label} ${quote(row.userId)} was not imported by row ${row.firstRow}, its first row, so this row's cards cannot be added: fix row ${row.firstRow}, then import both rows again`
				}
			]
		};
	}
	// Under Keep the import writes only users it creates, so one it wrote is one it created.
	const existedBefore = before !== undefined && before.lastImportId !== ctx.sessionId;
	if (before && existedBefore && ctx.policy === 'keep') return keptAsIs(row, before, existing);

	const errors = conflicts(row, existing);
	if (errors.length > 0) return { outcome: 'failed', errors };

	const cards = cardsToWrite(row, existing, ctx);
	const held = existing.cardsHeld ?? 0;
	if (cards.tally.created > 0 && held + cards.tally.created > ctx.maxCards) {
		return {
			outcome: 'failed',
			errors: [
				{
					field: 'cardId',
					message: `${describeUser(row.userId, before)} would hold ${held + cards.tally.created} cards (${held} already, ${cards.tally.created} in this row), more than the ${ctx.maxCards} cards per user allowed: raise "Cards per user" in Settings, or remove cards the user no longer needs`
				}
			]
		};
	}
	const written = { cards: cards.write, shown: cards.shown, cardResults: cards.tally };
	if (!before) {
		const user = newUser(row, ctx);
		return { outcome: 'created', user, userWritten: true, userResult: 'created', ...written };
	}

	const merged = applyRow(before, row);
	const userChanged = COMPARED.some((key) => merged[key] !== before[key]);
	const userResult = row.firstRow !== undefined ? null : userChanged ? 'updated' : 'kept';
	if (!userChanged && cards.write.length === 0) {
		return { outcome: 'kept', user: before, userWritten: false, userResult, ...written };
	}
	const user: User = userChanged
		? { ...before, ...merged, updatedAt: ctx.now, lastImportId: ctx.sessionId }
		: before;
	return { outcome: 'updated', user, userWritten: userChanged, userResult, ...written };
}

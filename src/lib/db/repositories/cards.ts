import { showCardNumber } from '$lib/domain/card-number';
import { refusal, type AppError } from '$lib/domain/errors';
import type { Card, CardInput, CardNumber, IsoDate } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import { readAppSettings } from '../app-settings';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import { describeUser } from '$lib/domain/user-conflicts';
import { requireUser } from './users';

/**
 * Registers a card to a user, keeping the form it was typed in. Refused while an import runs,
 * when the number is taken (in any form: the canonical number is the key), or when the user
 * already holds "Cards per user" cards (Settings), as an import would refuse it.
 */
export async function registerCard(
	db: RosterDatabase,
	input: CardInput,
	now = Date.now()
): Promise<Result<Card, AppError>> {
	const { maxCardsPerUser } = await readAppSettings(db);
	return guardedWrite(db, [db.users, db.cards], async () => {
		const user = await requireUser(db, input.userId);
		const existing = await db.cards.get(input.number);
		if (existing) {
			const holder = await db.users.get(existing.userId);
			throw refusal(
				'DUPLICATE_CARD',
				`Card ${showCardNumber(input)} is already registered to ${holder ? describeUser(holder) : `user ${existing.userId}`}.`,
				{ userId: existing.userId }
			);
		}
		const held = await db.cards.where('userId').equals(input.userId).count();
		if (held >= maxCardsPerUser) {
			throw refusal(
				'INVALID_INPUT',
				`${describeUser(user)} already holds ${held} cards, the most allowed per user (${maxCardsPerUser}): raise "Cards per user" in Settings, or remove a card the user no longer needs.`
			);
		}
		assertValidity(input.validFrom, input.validTo);
		const card: Card = { ...input, status: 'registered', createdAt: now, updatedAt: now };
		await db.cards.add(card);
		return card;
	});
}

/** Removes a card record entirely. */
export function deleteCard(
	db: RosterDatabase,
	number: CardNumber
): Promise<Result<Card, AppError>> {
	return guardedWrite(db, [db.cards], async () => {
		const card = await requireCard(db, number);
		await db.cards.delete(number);
		return card;
	});
}

async function requireCard(db: RosterDatabase, number: CardNumber): Promise<Card> {
	const card = await db.cards.get(number);
	if (!card) throw refusal('NOT_FOUND', `There is no card ${number}.`);
	return card;
}

function assertValidity(validFrom: IsoDate, validTo: IsoDate): void {
	if (validTo < validFrom) {
		throw refusal(
			'INVALID_INPUT',
			`The card's end date ${validTo} is before its start date ${validFrom}.`
		);
	}
}

import {
	CARD_CHANGE_FIELDS,
	cardChangedMeanwhileMessage,
	changeCard,
	changedCardFields
} from '../../src/lib/domain/card-changes';
import { showCardNumber } from '../../src/lib/domain/card-number';
import type { CardUpdate } from '../../src/lib/domain/mutations';
import type { Card, UserId } from '../../src/lib/domain/model';
import { describeUser } from '../../src/lib/domain/user-conflicts';
import { validateCardForm, type CardFormValues } from '../../src/lib/domain/user-form';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure, invalidFields } from '../http/api-failure';
import { lastWriter, recordAt } from './meanwhile';
import { cardRecordOf, type CardRecord, type CardRow } from './records';
import { requireUser } from './users';
import { nextVersion, recordChange } from './versions';

export const CARD_COLUMNS =
	'number, user_id, status, valid_from, valid_to, entered_as, wiegand, import_id, issued_at, created_at, updated_at, version';

/**
 * Stores a card as given (a new one, or over the stored one), written by the admin, with the
 * site's next version and its change in the feed.
 */
export async function writeCard(tx: SqlQueryable, admin: Admin, card: Card): Promise<CardRecord> {
	const version = await nextVersion(tx, admin.siteId);
	const rows = await tx.query<CardRow>(
		`INSERT INTO cards (site_id, number, user_id, status, valid_from, valid_to, entered_as, wiegand,
		                    issued_at, created_at, updated_at, version, updated_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		 ON CONFLICT (site_id, number) DO UPDATE SET
		   status = EXCLUDED.status, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
		   issued_at = EXCLUDED.issued_at, updated_at = EXCLUDED.updated_at,
		   version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, written_by = NULL
		 RETURNING ${CARD_COLUMNS}`,
		[
			admin.siteId,
			card.number,
			card.userId,
			card.status,
			card.validFrom,
			card.validTo,
			card.enteredAs ? JSON.stringify(card.enteredAs) : null,
			card.wiegand ? JSON.stringify(card.wiegand) : null,
			card.issuedAt ?? null,
			card.createdAt,
			card.updatedAt,
			version,
			admin.id
		]
	);
	const record = cardRecordOf(rows[0] as CardRow);
	await recordChange(tx, admin.siteId, version, { entity: 'card', key: record.number, record });
	return record;
}

/** Registers a card to a user, judged by the card form's own rules; one holder per number. */
export async function addCard(
	tx: SqlQueryable,
	admin: Admin,
	userId: string,
	values: CardFormValues,
	now: number
): Promise<CardRecord> {
	await requireUser(tx, admin.siteId, userId);
	const result = validateCardForm(values);
	if (!result.ok) throw invalidFields(result.errors[0] ?? {});
	const card = result.value;
	const held = await tx.query<{ user_id: string; name: string }>(
		`SELECT c.user_id, u.name FROM cards c JOIN users u ON u.site_id = c.site_id AND u.id = c.user_id
		 WHERE c.site_id = $1 AND c.number = $2`,
		[admin.siteId, card.number]
	);
	const holder = held[0];
	if (holder)
		throw new ApiFailure(
			'DUPLICATE_CARD',
			`Card ${showCardNumber(card)} is already registered to ${describeUser({ id: holder.user_id as UserId, name: holder.name })}.`,
			{ detail: { userId: holder.user_id } }
		);
	return writeCard(tx, admin, {
		number: card.number,
		userId: userId as UserId,
		status: 'registered',
		validFrom: card.validFrom,
		validTo: card.validTo,
		...(card.enteredAs ? { enteredAs: card.enteredAs } : {}),
		createdAt: now,
		updatedAt: now
	});
}

/**
 * Issues, revokes or re-dates a card of `userId` by the rule the browser applies (card-changes.ts),
 * over the version the admin saw (`baseVersion`). When the card has moved on since in a field its
 * line shows, the change is refused with who changed what, rather than made over what they did.
 */
export async function updateCard(
	tx: SqlQueryable,
	admin: Admin,
	{ userId, number, baseVersion, changes }: CardUpdate,
	now: number
): Promise<CardRecord> {
	const rows = await tx.query<CardRow>(
		`SELECT ${CARD_COLUMNS} FROM cards WHERE site_id = $1 AND number = $2 AND user_id = $3`,
		[admin.siteId, number, userId]
	);
	if (!rows[0])
		throw new ApiFailure(
			'NOT_FOUND',
			`User ${userId} has no card ${number}: another admin may have removed it`
		);
	const existing = cardRecordOf(rows[0]);
	if (existing.version !== baseVersion) {
		const seen = await recordAt<Card>(tx, admin.siteId, 'card', number, baseVersion);
		const fields = seen ? changedCardFields(seen, existing) : [...CARD_CHANGE_FIELDS];
		if (fields.length > 0) {
			const by = await lastWriter(tx, admin.siteId, 'card', number);
			throw new ApiFailure('CHANGED_MEANWHILE', cardChangedMeanwhileMessage(existing, fields, by), {
				detail: { userId, number, fields, changedBy: by, current: existing }
			});
		}
	}
	const changed = changeCard(existing, changes, now);
	if (!changed.ok) throw invalidFields(changed.errors[0] ?? {});
	return writeCard(tx, admin, changed.value);
}

export async function removeCard(tx: SqlQueryable, admin: Admin, number: string): Promise<void> {
	const rows = await tx.query<{ number: string }>(
		'DELETE FROM cards WHERE site_id = $1 AND number = $2 RETURNING number',
		[admin.siteId, number]
	);
	if (rows.length === 0)
		throw new ApiFailure(
			'NOT_FOUND',
			`There is no card ${number}: another admin may have removed it`
		);
	await recordChange(tx, admin.siteId, await nextVersion(tx, admin.siteId), {
		entity: 'card',
		key: number,
		record: null
	});
}

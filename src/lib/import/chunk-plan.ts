import { FIELD_KEYS, type FieldKey } from '$lib/domain/fields';
import { isFieldMapped, type Mapping } from '$lib/domain/mapping';
import type { Card, CardNumber, OverwritePolicy, SessionId, User, UserId } from '$lib/domain/model';
import { decideRow, type Existing, type RowToDecide } from '$lib/domain/overlap';
import {
	displayUserValues,
	joinErrors,
	type FailedRecord,
	type SucceededRecord
} from '$lib/domain/result-files';
import { cardFingerprint, userFingerprint } from '$lib/domain/undo-plan';
import type { ImportCounters } from '$lib/domain/import-session';
import type { JournalChunk } from '$lib/db/records';
import type { RowError } from '$lib/domain/validate-row';
import type { JudgedRow } from './judge-rows';

/** What the database holds for the keys of one chunk, looked up in bulk before deciding. */
export interface ChunkLookups {
	/** The chunk's users by ID, and the holders of its cards. */
	users: Map<UserId, User>;
	byEmail: Map<string, User>;
	byPhone: Map<string, User>;
	cards: Map<CardNumber, Card>;
}

/** Everything one chunk writes, decided before its transaction opens. */
export interface ChunkPlan {
	users: User[];
	cards: Card[];
	journal: Pick<JournalChunk, 'users' | 'cards'>;
	succeeded: SucceededRecord[];
	failed: FailedRecord[];
	counters: ImportCounters;
}

export interface PlanContext {
	sessionId: SessionId;
	policy: OverwritePolicy;
	now: number;
	/** Fields shown in the succeeded file. */
	fields: readonly FieldKey[];
}

/** The keys whose stored records a chunk must see. */
export function lookupKeys(rows: readonly JudgedRow[]) {
	const userIds = new Set<UserId>();
	const emails = new Set<string>();
	const phones = new Set<string>();
	const cards = new Set<CardNumber>();
	for (const judged of rows) {
		if (judged.kind !== 'valid') continue;
		const row = judged.value;
		userIds.add(row.userId);
		if (row.email) emails.add(row.email);
		if (row.phoneDigits) phones.add(row.phoneDigits);
		if (row.card) cards.add(row.card.number);
	}
	return { userIds: [...userIds], emails: [...emails], phones: [...phones], cards: [...cards] };
}

export type LookupKeys = ReturnType<typeof lookupKeys>;

/**
 * Decides every row of a chunk against what the database holds. Pure: the engine writes the plan
 * in one transaction, so a chunk lands whole or not at all.
 */
export function planChunk(
	rows: readonly JudgedRow[],
	lookups: ChunkLookups,
	ctx: PlanContext
): ChunkPlan {
	const plan: ChunkPlan = {
		users: [],
		cards: [],
		journal: { users: [], cards: [] },
		succeeded: [],
		failed: [],
		counters: { created: 0, updated: 0, kept: 0, failed: 0, skipped: 0 }
	};
	for (const judged of rows) {
		if (judged.kind === 'empty') {
			plan.counters.skipped += 1;
			continue;
		}
		if (judged.kind === 'invalid') {
			fail(plan, judged.row, judged.cells, judged.errors);
			continue;
		}
		const row = judged.value;
		const existing = existingFor(row, lookups);
		const decision = decideRow(row, existing, {
			policy: ctx.policy,
			now: ctx.now,
			sessionId: ctx.sessionId
		});
		if (decision.outcome === 'failed') {
			fail(plan, judged.row, judged.cells, decision.errors);
			continue;
		}
		if (decision.outcome !== 'kept') {
			if (decision.user !== existing.user) {
				plan.users.push(decision.user);
				plan.journal.users.push({
					id: decision.user.id,
					before: existing.user ?? null,
					written: userFingerprint(decision.user)
				});
			}
			if (decision.card) {
				plan.cards.push(decision.card);
				plan.journal.cards.push({
					number: decision.card.number,
					before: existing.card ?? null,
					written: cardFingerprint(decision.card)
				});
			}
		}
		plan.counters[decision.outcome] += 1;
		// The file shows what the database now holds, not what the row asked for.
		const ownCard = existing.card?.userId === row.userId ? existing.card : null;
		const shownCard = decision.outcome === 'kept' ? ownCard : (decision.card ?? ownCard);
		plan.succeeded.push({
			row: judged.row,
			result: decision.outcome,
			values: displayUserValues(decision.user, shownCard, ctx.fields)
		});
	}
	return plan;
}

function existingFor(row: RowToDecide, lookups: ChunkLookups): Existing {
	const card = row.card ? lookups.cards.get(row.card.number) : undefined;
	return {
		user: lookups.users.get(row.userId),
		emailOwner: row.email ? lookups.byEmail.get(row.email) : undefined,
		phoneOwner: row.phoneDigits ? lookups.byPhone.get(row.phoneDigits) : undefined,
		card,
		cardHolder: card ? lookups.users.get(card.userId) : undefined
	};
}

function fail(plan: ChunkPlan, row: number, cells: string[], problems: RowError[]): void {
	plan.counters.failed += 1;
	plan.failed.push({ row, cells, error: joinErrors(problems), problems });
}

/**
 * The fields of the succeeded file: the User ID (generated ones matter), every mapped field (Name
 * also when built from its parts),
 * and the Card format beside Wiegand parts (it may have come from Configure, not the file).
 * A mapping stored before a field existed has no entry for it: that field was not mapped.
 */
export function succeededFields(mapping: Mapping): FieldKey[] {
	const mapped = (key: FieldKey) => isFieldMapped(mapping, key);
	const wiegand = mapped('facilityCode') || mapped('cardNumber');
	return FIELD_KEYS.filter(
		(key) => key === 'userId' || mapped(key) || (key === 'cardFormat' && wiegand)
	);
}

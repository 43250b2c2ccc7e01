import { FIELD_KEYS, type FieldKey } from '../../domain/fields';
import { isFieldMapped, type Mapping } from '../../domain/mapping';
import type {
	Card,
	CardNumber,
	OverwritePolicy,
	SessionId,
	User,
	UserId
} from '../../domain/model';
import {
	decideRow,
	newUser,
	type Decided,
	type Existing,
	type RowToDecide
} from '../../domain/overlap';
import { displayUserValues, joinErrors } from '../../domain/result-files';
import { cardFingerprint, userFingerprint } from '../../domain/undo-plan';
import { EMPTY_COUNTERS, type ImportCounters } from '../../domain/import-session';
import { RowSlots } from '../../domain/row-slots';
import type { ChunkLookups, ChunkPlan, LookupKeys } from '../../domain/import-store';
import type { RowError } from '../../domain/validate-row';
import type { JudgedRow } from './judge-rows';

export type { ChunkLookups, ChunkPlan, LookupKeys };

export interface PlanContext {
	sessionId: SessionId;
	policy: OverwritePolicy;
	now: number;
	/** Fields shown in the succeeded file. */
	fields: readonly FieldKey[];
	/** The most cards a user may hold (Settings). */
	maxCards: number;
}

/**
 * What the earlier chunks of a pass that writes nothing (the dry run) did to each user, which the
 * database therefore cannot show: whether it created them and how many cards it added, by the
 * user's first row (docs/architecture.md, "Several cards per user"). A run needs none: each chunk
 * looks up what the chunks before it committed.
 */
export class UnwrittenChunks {
	readonly #slots = new RowSlots(2);

	created(firstRow: number): boolean {
		return this.#slots.get(firstRow, 0) === 1;
	}

	cardsAdded(firstRow: number): number {
		return this.#slots.get(firstRow, 1);
	}

	record(firstRow: number, created: boolean, cardsAdded: number): void {
		if (created) this.#slots.set(firstRow, 0, 1);
		if (cardsAdded > 0) this.#slots.set(firstRow, 1, this.cardsAdded(firstRow) + cardsAdded);
	}

	release(): void {
		this.#slots.release();
	}
}

/**
 * The keys whose stored records a chunk must see. `laterUserIds`: users of rows that repeat a
 * User ID, always looked up: an earlier chunk of this run may have created them since the key
 * filters were read.
 */
export function lookupKeys(rows: readonly JudgedRow[]): LookupKeys {
	const userIds = new Set<UserId>();
	const laterUserIds = new Set<UserId>();
	const emails = new Set<string>();
	const phones = new Set<string>();
	const cards = new Set<CardNumber>();
	for (const judged of rows) {
		if (judged.kind !== 'valid') continue;
		const row = judged.value;
		(row.firstRow === undefined ? userIds : laterUserIds).add(row.userId);
		if (row.email) emails.add(row.email);
		if (row.phoneDigits) phones.add(row.phoneDigits);
		for (const card of row.cards) cards.add(card.number);
	}
	return {
		userIds: [...userIds],
		laterUserIds: [...laterUserIds],
		emails: [...emails],
		phones: [...phones],
		cards: [...cards]
	};
}

/**
 * Decides every row of a chunk against what the database holds and what the chunk's earlier rows
 * decided (a later row of a User ID may follow its first in the same chunk). Pure: the engine
 * writes the plan in one transaction, so a chunk lands whole or not at all. `unwritten`: the dry
 * run's memory of its earlier chunks, which it updates.
 */
export function planChunk(
	rows: readonly JudgedRow[],
	lookups: ChunkLookups,
	ctx: PlanContext,
	unwritten?: UnwrittenChunks
): ChunkPlan {
	const plan: ChunkPlan = {
		users: [],
		cards: [],
		journal: { users: [], cards: [] },
		succeeded: [],
		failed: [],
		counters: { ...EMPTY_COUNTERS }
	};
	// What this chunk's rows decided, over what was looked up.
	const seen: ChunkLookups = {
		...lookups,
		users: new Map(lookups.users),
		cards: new Map(lookups.cards),
		cardCounts: new Map(lookups.cardCounts)
	};
	const remembered: [number, boolean, number][] = [];
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
		const existing = existingFor(row, seen, ctx, unwritten);
		const decision = decideRow(row, existing, ctx);
		if (decision.outcome === 'failed') {
			fail(plan, judged.row, judged.cells, decision.errors);
			continue;
		}
		write(plan, decision, existing, seen);
		count(plan.counters, decision);
		remembered.push([
			row.firstRow ?? judged.row,
			decision.userResult === 'created',
			decision.cardResults.created
		]);
		plan.succeeded.push({
			row: judged.row,
			result: decision.outcome,
			// The file shows what the database now holds, not what the row asked for.
			values: displayUserValues(decision.user, decision.shown, ctx.fields),
			cards: decision.cardResults
		});
	}
	if (unwritten) for (const entry of remembered) unwritten.record(...entry);
	return plan;
}

/** Adds a decision's writes and journal entries to the plan, and to what later rows see. */
function write(plan: ChunkPlan, decision: Decided, existing: Existing, seen: ChunkLookups): void {
	const { user } = decision;
	if (decision.userWritten) {
		plan.users.push(user);
		plan.journal.users.push({
			id: user.id,
			before: existing.user ?? null,
			written: userFingerprint(user)
		});
		seen.users.set(user.id, user);
	}
	for (const card of decision.cards) {
		plan.cards.push(card);
		plan.journal.cards.push({
			number: card.number,
			before: existing.cards?.get(card.number) ?? null,
			written: cardFingerprint(card)
		});
		seen.cards.set(card.number, card);
	}
	const added = decision.cardResults.created;
	if (added > 0) seen.cardCounts.set(user.id, (seen.cardCounts.get(user.id) ?? 0) + added);
}

const USER_COUNTERS = {
	created: 'usersCreated',
	updated: 'usersUpdated',
	kept: 'usersKept'
} as const;

function count(counters: ImportCounters, decision: Decided): void {
	counters[decision.outcome] += 1;
	if (decision.userResult) {
		const key = USER_COUNTERS[decision.userResult];
		counters[key] = (counters[key] ?? 0) + 1;
	}
	const cards = decision.cardResults;
	counters.cardsCreated = (counters.cardsCreated ?? 0) + cards.created;
	counters.cardsUpdated = (counters.cardsUpdated ?? 0) + cards.updated;
	counters.cardsKept = (counters.cardsKept ?? 0) + cards.kept;
}

function existingFor(
	row: RowToDecide,
	seen: ChunkLookups,
	ctx: PlanContext,
	unwritten: UnwrittenChunks | undefined
): Existing {
	const cards = new Map<CardNumber, Card>();
	const holders = new Map<UserId, User>();
	for (const wanted of row.cards) {
		const card = seen.cards.get(wanted.number);
		if (!card) continue;
		cards.set(card.number, card);
		const holder = seen.users.get(card.userId);
		if (holder) holders.set(holder.id, holder);
	}
	let user = seen.users.get(row.userId);
	let cardsHeld = seen.cardCounts.get(row.userId) ?? 0;
	if (unwritten && row.firstRow !== undefined) {
		// The dry run wrote nothing: the user its earlier chunk created stands in as this row has it.
		if (!user && unwritten.created(row.firstRow)) user = newUser(row, ctx);
		cardsHeld += unwritten.cardsAdded(row.firstRow);
	}
	return {
		user,
		emailOwner: row.email ? seen.byEmail.get(row.email) : undefined,
		phoneOwner: row.phoneDigits ? seen.byPhone.get(row.phoneDigits) : undefined,
		cards,
		holders,
		cardsHeld
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

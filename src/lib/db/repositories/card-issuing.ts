import type { AppError } from '$lib/domain/errors';
import {
	issueRegistered,
	ISSUE_USERS_PER_CHUNK as USERS_PER_TRANSACTION,
	type IssuedCounts
} from '$lib/domain/card-issuing';
import type { Card, CardNumber, UserId } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import type { LeaseClaim } from '$lib/domain/site-lease';
import { queueRecordsWrite } from '../site-outbox';

export type { IssuedCounts } from '$lib/domain/card-issuing';

export interface IssueCount extends IssuedCounts {
	/** Users with no card at all: cards for them are issued one at a time from their page. */
	withoutCard: UserId[];
}

export interface SelectedIssueCount extends IssuedCounts {
	/** Selected numbers with no card any more (removed meanwhile, in this tab or another). */
	missing: number;
}

/** Cards read and written per request of a bulk issue: keeps each structured-clone pass short. */
const CARDS_PER_BATCH = 5000;

/**
 * Issues every registered card of `userIds`. The import engine calls it holding the import lock
 * and the guard (session `issuing`), so nobody edits these cards meanwhile; a transaction per
 * batch of users keeps each one short.
 */
export async function issueCardsOf(
	db: RosterDatabase,
	userIds: readonly UserId[],
	now: number,
	lease: LeaseClaim | null = null
): Promise<IssueCount> {
	const count: IssueCount = { issued: 0, alreadyIssued: 0, revoked: 0, withoutCard: [] };
	for (let start = 0; start < userIds.length; start += USERS_PER_TRANSACTION) {
		const batch = userIds.slice(start, start + USERS_PER_TRANSACTION);
		await db.transaction('rw', [db.cards, db.outbox], async () => {
			const cards = await db.cards.where('userId').anyOf(batch).toArray();
			const holders = new Set(cards.map((card) => card.userId));
			count.withoutCard.push(...batch.filter((id) => !holders.has(id)));
			const issued = issueRegistered(cards, now, count);
			await Promise.all([
				db.cards.bulkPut(issued),
				queueRecordsWrite(db, {
					source: 'issuing the imported cards',
					cards: issued,
					lease: lease && { ...lease, done: start + batch.length, total: userIds.length }
				})
			]);
		});
	}
	return count;
}

/** How many cards of `userIds` are registered and not issued (what `issueCardsOf` would issue). */
export async function countRegisteredCardsOf(
	db: RosterDatabase,
	userIds: readonly UserId[]
): Promise<number> {
	let registered = 0;
	for (let start = 0; start < userIds.length; start += USERS_PER_TRANSACTION) {
		const batch = userIds.slice(start, start + USERS_PER_TRANSACTION);
		registered += await db.cards
			.where('userId')
			.anyOf(batch)
			.filter((card) => card.status === 'registered')
			.count();
	}
	return registered;
}

/**
 * Issues the registered cards among `numbers` (the admin's selection on the Cards screen) in one
 * guarded write: refused as a whole while an import holds the guard, and all or nothing
 * otherwise. Each card is read inside the transaction, so a card issued, revoked or removed since
 * it was selected is counted as it is now, not as the list showed it. The work goes in batches of
 * requests within that one transaction, so that no single step holds the main thread for long;
 * `onProgress` hears how many numbers have been handled.
 */
export function issueSelectedCards(
	db: RosterDatabase,
	numbers: readonly CardNumber[],
	now = Date.now(),
	onProgress: (done: number) => void = () => {}
): Promise<Result<SelectedIssueCount, AppError>> {
	return guardedWrite(db, [db.cards, db.outbox], async () => {
		const count: SelectedIssueCount = { issued: 0, alreadyIssued: 0, revoked: 0, missing: 0 };
		for (let start = 0; start < numbers.length; start += CARDS_PER_BATCH) {
			const found = await db.cards.bulkGet(numbers.slice(start, start + CARDS_PER_BATCH));
			const cards = found.filter((card): card is Card => card !== undefined);
			count.missing += found.length - cards.length;
			const issued = issueRegistered(cards, now, count);
			await Promise.all([
				db.cards.bulkPut(issued),
				queueRecordsWrite(db, { source: 'issuing the selected cards', cards: issued })
			]);
			onProgress(Math.min(numbers.length, start + CARDS_PER_BATCH));
		}
		return count;
	});
}

import type { Card, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';

export interface IssueCount {
	issued: number;
	alreadyIssued: number;
	/** Cards that were revoked: issuing them again is a decision for one card at a time. */
	revoked: number;
	/** Users with no card at all: cards for them are issued one at a time from their page. */
	withoutCard: UserId[];
}

const USERS_PER_TRANSACTION = 2000;

/**
 * Issues every registered card of `userIds`. The import engine calls it holding the import lock
 * and the guard (session `issuing`), so nobody edits these cards meanwhile; a transaction per
 * batch of users keeps each one short.
 */
export async function issueCardsOf(
	db: RosterDatabase,
	userIds: readonly UserId[],
	now: number
): Promise<IssueCount> {
	const count: IssueCount = { issued: 0, alreadyIssued: 0, revoked: 0, withoutCard: [] };
	for (let start = 0; start < userIds.length; start += USERS_PER_TRANSACTION) {
		const batch = userIds.slice(start, start + USERS_PER_TRANSACTION);
		await db.transaction('rw', db.cards, async () => {
			const cards = await db.cards.where('userId').anyOf(batch).toArray();
			const holders = new Set(cards.map((card) => card.userId));
			count.withoutCard.push(...batch.filter((id) => !holders.has(id)));
			const toIssue: Card[] = [];
			for (const card of cards) {
				if (card.status === 'issued') count.alreadyIssued += 1;
				else if (card.status === 'revoked') count.revoked += 1;
				else toIssue.push({ ...card, status: 'issued', issuedAt: now, updatedAt: now });
			}
			await db.cards.bulkPut(toIssue);
			count.issued += toIssue.length;
		});
	}
	return count;
}

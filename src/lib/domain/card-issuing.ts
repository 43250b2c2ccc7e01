/**
 * What bulk card issuing does, shared by the browser's Issue cards (import worker, Cards screen)
 * and the site server's issuing of a job's cards (docs/architecture.md, "Card issuing on the
 * server"): which cards of an import get issued, and how they are counted.
 */
import type { Card, UserId } from './model';
import type { SucceededRecord } from './result-files';

/** Users per transaction of an import's card issuing, in the browser and on the server. */
export const ISSUE_USERS_PER_CHUNK = 2000;

/** What a bulk issue did with the cards it was given. */
export interface IssuedCounts {
	issued: number;
	alreadyIssued: number;
	/** Cards that were revoked: issuing them again is a decision for one card at a time. */
	revoked: number;
}

/**
 * The registered cards of `cards`, issued at `now`; the others are counted in `count` and left
 * as they are.
 */
export function issueRegistered(cards: readonly Card[], now: number, count: IssuedCounts): Card[] {
	const toIssue: Card[] = [];
	for (const card of cards) {
		if (card.status === 'issued') count.alreadyIssued += 1;
		else if (card.status === 'revoked') count.revoked += 1;
		else toIssue.push({ ...card, status: 'issued', issuedAt: now, updatedAt: now });
	}
	count.issued += toIssue.length;
	return toIssue;
}

/**
 * The user of a row of an import that succeeded (created, updated or kept): the succeeded
 * file's first field is always the User ID. Null for a record without one.
 */
export function importedUserId(record: SucceededRecord): UserId | null {
	const id = record.values[0];
	return id ? (id as UserId) : null;
}

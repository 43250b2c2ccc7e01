import type { SessionId, User } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { issueCardsOf } from '$lib/db/repositories/card-issuing';
import { applyTransition } from '$lib/db/repositories/import-sessions';
import { claimOf } from '$lib/domain/site-lease';
import type { IssueSummary } from '../api';
import { importedUserIds } from './imported-users';

/** Users without a card listed by name in the summary; the rest are counted. */
const LISTED_WITHOUT_CARD = 200;

/**
 * Issues the registered cards of an import's users in one job. The caller holds the import lock;
 * the session is `issuing` meanwhile, so every other write of users and cards is refused. A worker
 * that dies here leaves the session `issuing`: the supervisor calls this again (see
 * afterWorkerDied in the lifecycle), and cards already issued are simply counted.
 */
export async function issueImportCards(
	db: RosterDatabase,
	sessionId: SessionId,
	now: number
): Promise<IssueSummary> {
	const issuing = await applyTransition(db, sessionId, 'issue-start', now);
	let summary: IssueSummary;
	try {
		const userIds = await importedUserIds(db, sessionId);
		const count = await issueCardsOf(db, userIds, now, claimOf(issuing));
		const listed = await db.users.bulkGet(count.withoutCard.slice(0, LISTED_WITHOUT_CARD));
		summary = {
			issued: count.issued,
			alreadyIssued: count.alreadyIssued,
			revoked: count.revoked,
			withoutCardTotal: count.withoutCard.length,
			withoutCard: listed
				.filter((user): user is User => user !== undefined)
				.map((user) => ({ id: user.id, name: user.name }))
		};
	} catch (thrown) {
		await applyTransition(db, sessionId, 'fail', now);
		throw thrown;
	}
	await applyTransition(db, sessionId, 'issue-finish', now);
	return summary;
}

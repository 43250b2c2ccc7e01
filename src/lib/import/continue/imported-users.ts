import { importedUserId } from '$lib/domain/card-issuing';
import type { SessionId, UserId } from '$lib/domain/model';
import type { SucceededRecord } from '$lib/domain/result-files';
import type { RosterDatabase } from '$lib/db/database';

/** Visits every row of an import that succeeded (created, updated or kept), in file order. */
export async function eachSucceeded(
	db: RosterDatabase,
	sessionId: SessionId,
	visit: (record: SucceededRecord) => void
): Promise<void> {
	await db.importResults
		.where('[sessionId+chunk]')
		.between([sessionId, -Infinity], [sessionId, Infinity])
		.each((chunk) => chunk.succeeded.forEach(visit));
}

/**
 * The users of an import: every row that succeeded, read from the session's result records
 * (`importedUserId`, shared with the server's card issuing).
 */
export async function importedUserIds(db: RosterDatabase, sessionId: SessionId): Promise<UserId[]> {
	const ids: UserId[] = [];
	await eachSucceeded(db, sessionId, (record) => {
		const id = importedUserId(record);
		if (id) ids.push(id);
	});
	return ids;
}

import type { SessionId, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';

/**
 * The users of an import: every row that succeeded (created, updated or kept), read from the
 * session's result records. The succeeded file's first field is always the User ID.
 */
export async function importedUserIds(db: RosterDatabase, sessionId: SessionId): Promise<UserId[]> {
	const ids: UserId[] = [];
	await db.importResults
		.where('[sessionId+chunk]')
		.between([sessionId, -Infinity], [sessionId, Infinity])
		.each((chunk) => {
			for (const record of chunk.succeeded) {
				const id = record.values[0];
				if (id) ids.push(id as UserId);
			}
		});
	return ids;
}

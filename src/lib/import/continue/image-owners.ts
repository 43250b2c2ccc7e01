import type { ImageOwner } from '$lib/domain/image-matching';
import type { SessionId, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { requireSession } from '$lib/db/repositories/import-sessions';
import { succeededFields } from '../core/chunk-plan';
import { eachSucceeded } from './imported-users';

/**
 * The users of an import with the Image file name each one has after it, when that column was
 * mapped. Read from the result records, which hold what the database held after each row, so a
 * million-user import costs no extra read of the users table.
 */
export async function importedImageOwners(
	db: RosterDatabase,
	sessionId: SessionId
): Promise<ImageOwner[]> {
	const session = await requireSession(db, sessionId);
	// The records hold one value per succeeded field, in the order the run wrote them.
	const column = succeededFields(session.mapping).indexOf('imageFile');
	const owners: ImageOwner[] = [];
	await eachSucceeded(db, sessionId, (record) => {
		const id = record.values[0];
		if (!id) return;
		const imageFile = column > 0 ? record.values[column] : undefined;
		owners.push(imageFile ? { id: id as UserId, imageFile } : { id: id as UserId });
	});
	return owners;
}

import type { AppError } from '$lib/domain/errors';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from './database';
import { guardedWrite } from './guard';

/**
 * Deletes every user, card, image, setting and import record in one transaction. Refused while an
 * import runs, like any other write.
 */
export function eraseAllData(db: RosterDatabase): Promise<Result<true, AppError>> {
	return guardedWrite(db, db.tables, async () => {
		await Promise.all(db.tables.map((table) => table.clear()));
		return true as const;
	});
}

import type { AppError } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import { requireUser } from './users';

/** A resized image ready to store (see src/lib/images/resize.ts). */
export interface ImageToStore {
	image: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
}

/** Sets (or replaces) a user's image and marks the user as having one. Guarded like every write. */
export function setUserImage(
	db: RosterDatabase,
	userId: UserId,
	resized: ImageToStore,
	now = Date.now()
): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users, db.images], async () => {
		const user = await requireUser(db, userId);
		await db.images.put({ userId, ...resized, updatedAt: now });
		const updated: User = { ...user, hasImage: true, updatedAt: now };
		await db.users.put(updated);
		return updated;
	});
}

/** Removes a user's image. */
export function removeUserImage(
	db: RosterDatabase,
	userId: UserId,
	now = Date.now()
): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users, db.images], async () => {
		const user = await requireUser(db, userId);
		await db.images.delete(userId);
		const updated: User = { ...user, updatedAt: now };
		delete updated.hasImage;
		await db.users.put(updated);
		return updated;
	});
}

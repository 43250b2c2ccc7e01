import { refusal, type AppError } from '$lib/domain/errors';
import type { User, UserId, UserInput } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import { assertUniqueContacts, describeUser } from './conflicts';

/** Adds a user. Refused while an import runs, or when the ID, email or phone is taken. */
export function createUser(
	db: RosterDatabase,
	input: UserInput,
	now = Date.now()
): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users], async () => {
		const existing = await db.users.get(input.id);
		if (existing) {
			throw refusal(
				'DUPLICATE_USER_ID',
				`User ID "${input.id}" is already used by ${describeUser(existing)}.`,
				{ userId: existing.id }
			);
		}
		await assertUniqueContacts(db, input, input.id);
		const user: User = { ...withoutBlanks(input), createdAt: now, updatedAt: now };
		await db.users.add(user);
		return user;
	});
}

/** Replaces the editable fields of user `id` (the ID itself does not change). */
export function updateUser(
	db: RosterDatabase,
	id: UserId,
	input: Omit<UserInput, 'id'>,
	now = Date.now()
): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users], async () => {
		const existing = await requireUser(db, id);
		await assertUniqueContacts(db, input, id);
		const user: User = {
			...withoutBlanks({ ...input, id }),
			createdAt: existing.createdAt,
			updatedAt: now,
			...(existing.hasImage ? { hasImage: true } : {}),
			// Not on the form: it came from an import and stays until an import changes it.
			...(existing.imageFile ? { imageFile: existing.imageFile } : {}),
			...(existing.lastImportId ? { lastImportId: existing.lastImportId } : {})
		};
		await db.users.put(user);
		return user;
	});
}

/** Deletes a user together with their cards and image. */
export function deleteUser(db: RosterDatabase, id: UserId): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users, db.cards, db.images], async () => {
		const existing = await requireUser(db, id);
		await db.cards.where('userId').equals(id).delete();
		await db.images.delete(id);
		await db.users.delete(id);
		return existing;
	});
}

export async function requireUser(db: RosterDatabase, id: UserId): Promise<User> {
	const user = await db.users.get(id);
	if (!user) throw refusal('NOT_FOUND', `There is no user with User ID "${id}".`);
	return user;
}

/** Optional text fields are left out rather than stored empty, so indexes skip them. */
function withoutBlanks(input: UserInput): UserInput {
	const user: UserInput = { id: input.id, name: input.name, userType: input.userType };
	if (input.email) user.email = input.email;
	if (input.phone) user.phone = input.phone;
	if (input.phoneDigits) user.phoneDigits = input.phoneDigits;
	if (input.department) user.department = input.department;
	if (input.title) user.title = input.title;
	return user;
}

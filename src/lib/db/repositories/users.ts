import { refusal, type AppError } from '$lib/domain/errors';
import type { SessionId, User, UserId, UserInput } from '$lib/domain/model';
import {
	NUMBERED_USER_IDS,
	changedFormFields,
	changedMeanwhileMessage,
	isNumberedUserId,
	nextUserId
} from '$lib/domain/user-form';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import { assertUniqueUser } from './conflicts';

/**
 * Adds a user. Refused while an import runs, or when the ID, email or phone is taken (every
 * conflict at once). `generatedId`: the ID was proposed by nextUserId, not typed; another tab may
 * have taken it since, so the next free one is taken again here, inside the write transaction.
 */
export function createUser(
	db: RosterDatabase,
	input: UserInput,
	now = Date.now(),
	{ generatedId = false }: { generatedId?: boolean } = {}
): Promise<Result<User, AppError>> {
	return guardedWrite(db, [db.users], async () => {
		const id = generatedId ? await freeUserId(db, input.id) : input.id;
		await assertUniqueUser(db, { ...input, id });
		const user: User = { ...withoutBlanks({ ...input, id }), createdAt: now, updatedAt: now };
		await db.users.add(user);
		return user;
	});
}

/**
 * Replaces the editable fields of the user `edited` is a version of (the ID itself does not
 * change). `edited` is the record as the form loaded it: when the stored user has moved on and a
 * field of the form differs, the save is refused with CHANGED_MEANWHILE, inside this transaction,
 * rather than putting back what the other write changed (see changedFormFields).
 */
export function updateUser(
	db: RosterDatabase,
	edited: User,
	input: Omit<UserInput, 'id'>,
	now = Date.now()
): Promise<Result<User, AppError>> {
	const id = edited.id;
	return guardedWrite(db, [db.users], async () => {
		const existing = await requireUser(db, id);
		if (existing.updatedAt !== edited.updatedAt) {
			const fields = changedFormFields(edited, existing);
			if (fields.length > 0) {
				const changedBy = await whoChanged(db, edited, existing);
				throw refusal('CHANGED_MEANWHILE', changedMeanwhileMessage(fields, changedBy), {
					userId: id,
					fields: fields.join(','),
					changedBy
				});
			}
		}
		await assertUniqueUser(db, { email: input.email, phoneDigits: input.phoneDigits }, id);
		const user: User = {
			...withoutBlanks({ ...input, id }),
			createdAt: existing.createdAt,
			// Never the version just replaced, even within one millisecond: it is what saves compare.
			updatedAt: Math.max(now, existing.updatedAt + 1),
			...(existing.hasImage ? { hasImage: true } : {}),
			// Not on the form: it came from an import and stays until an import changes it.
			...(existing.imageFile ? { imageFile: existing.imageFile } : {}),
			...(existing.lastImportId ? { lastImportId: existing.lastImportId } : {})
		};
		await db.users.put(user);
		return user;
	});
}

/**
 * What wrote the version of a user after the one a form edited: an undo puts an older version
 * back, an import leaves its id, anything else is a save from another tab or window.
 */
async function whoChanged(db: RosterDatabase, edited: User, current: User): Promise<string> {
	const importOf = async (sessionId: SessionId): Promise<string> => {
		const session = await db.importSessions.get(sessionId);
		return session ? `the import of ${session.fileName}` : 'an import';
	};
	if (current.updatedAt < edited.updatedAt) {
		return edited.lastImportId ? `undoing ${await importOf(edited.lastImportId)}` : 'an undo';
	}
	if (current.lastImportId && current.lastImportId !== edited.lastImportId) {
		return importOf(current.lastImportId);
	}
	return 'a save in another tab or window';
}

/**
 * The highest stored ID of the form U000123, by one backward walk of the primary key from
 * U999999 (it stops at the first that matches; IDs such as "U12" sort inside the range too).
 */
export async function highestNumberedUserId(db: RosterDatabase): Promise<UserId | undefined> {
	const [low, high] = NUMBERED_USER_IDS;
	const user = await db.users
		.where(':id')
		.between(low, high, true, true)
		.reverse()
		.filter((u) => isNumberedUserId(u.id))
		.first();
	return user?.id;
}

/** `proposed`, unless a higher numbered ID was stored since it was proposed: then the next one. */
async function freeUserId(db: RosterDatabase, proposed: UserId): Promise<UserId> {
	const next = nextUserId(await highestNumberedUserId(db));
	return next !== null && next > proposed ? next : proposed;
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

import { AppFailures, appError, type AppError } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import { userConflictMessage } from '$lib/domain/user-conflicts';
import type { RosterDatabase } from '../database';

/** What must be unique among users: the ID (when it is new), the email and the phone. */
export type UniqueKeys = Partial<Pick<User, 'email' | 'phoneDigits'>> & { id?: UserId };

/**
 * Every uniqueness conflict of `candidate` with another user, all at once so a form can show
 * them together: User ID, email compared case-insensitively (stored lower-cased), phone by its
 * digits. `selfId` is the user being edited (undefined for a new one).
 */
export async function findUserConflicts(
	db: RosterDatabase,
	candidate: UniqueKeys,
	selfId?: UserId
): Promise<AppError[]> {
	const other = (owner: User | undefined): owner is User =>
		owner !== undefined && owner.id !== selfId;
	const [byId, byEmail, byPhone] = await Promise.all([
		candidate.id === undefined ? undefined : db.users.get(candidate.id),
		candidate.email ? db.users.where('email').equals(candidate.email).first() : undefined,
		candidate.phoneDigits
			? db.users.where('phoneDigits').equals(candidate.phoneDigits).first()
			: undefined
	]);
	const conflicts: AppError[] = [];
	if (other(byId)) {
		conflicts.push(
			appError('DUPLICATE_USER_ID', userConflictMessage('DUPLICATE_USER_ID', byId.id, byId), {
				userId: byId.id
			})
		);
	}
	if (other(byEmail)) {
		conflicts.push(
			appError(
				'DUPLICATE_EMAIL',
				userConflictMessage('DUPLICATE_EMAIL', candidate.email ?? '', byEmail),
				{ userId: byEmail.id }
			)
		);
	}
	if (other(byPhone)) {
		conflicts.push(
			appError(
				'DUPLICATE_PHONE',
				userConflictMessage(
					'DUPLICATE_PHONE',
					byPhone.phone ?? candidate.phoneDigits ?? '',
					byPhone
				),
				{ userId: byPhone.id }
			)
		);
	}
	return conflicts;
}

/** Inside a write transaction: throws every uniqueness conflict of `candidate` together. */
export async function assertUniqueUser(
	db: RosterDatabase,
	candidate: UniqueKeys,
	selfId?: UserId
): Promise<void> {
	const conflicts = await findUserConflicts(db, candidate, selfId);
	if (conflicts.length > 0) throw new AppFailures(conflicts);
}

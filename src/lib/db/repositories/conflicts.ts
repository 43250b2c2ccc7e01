import { refusal } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';

/** How messages name a user: the ID an admin searches by, and the name they recognise. */
export function describeUser(user: Pick<User, 'id' | 'name'>): string {
	return `user ${user.id} (${user.name})`;
}

/**
 * Throws the first uniqueness conflict of `candidate` with another user: email compared
 * case-insensitively (stored lower-cased), phone by its digits. `selfId` is the user being edited.
 */
export async function assertUniqueContacts(
	db: RosterDatabase,
	candidate: Pick<User, 'email' | 'phoneDigits'>,
	selfId: UserId
): Promise<void> {
	if (candidate.email) {
		const owner = await db.users.where('email').equals(candidate.email).first();
		if (owner && owner.id !== selfId) {
			throw refusal(
				'DUPLICATE_EMAIL',
				`Email "${candidate.email}" already belongs to ${describeUser(owner)}.`,
				{ userId: owner.id }
			);
		}
	}
	if (candidate.phoneDigits) {
		const owner = await db.users.where('phoneDigits').equals(candidate.phoneDigits).first();
		if (owner && owner.id !== selfId) {
			throw refusal(
				'DUPLICATE_PHONE',
				`Phone "${owner.phone ?? candidate.phoneDigits}" already belongs to ${describeUser(owner)}.`,
				{ userId: owner.id }
			);
		}
	}
}

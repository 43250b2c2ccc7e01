/**
 * How a uniqueness conflict is told to the admin, the same from the browser's database and from
 * the site server: what is taken, and by whom.
 */
import type { User } from './model';

export type UserConflictCode = 'DUPLICATE_USER_ID' | 'DUPLICATE_EMAIL' | 'DUPLICATE_PHONE';

/** How messages name a user: the ID an admin searches by, and the name they recognise. */
export function describeUser(user: Pick<User, 'id' | 'name'>): string {
	return `user ${user.id} (${user.name})`;
}

/** The message for `value` of the field `code` names, held by `owner`. */
export function userConflictMessage(
	code: UserConflictCode,
	value: string,
	owner: Pick<User, 'id' | 'name'>
): string {
	switch (code) {
		case 'DUPLICATE_USER_ID':
			return `User ID "${value}" is already used by ${describeUser(owner)}.`;
		case 'DUPLICATE_EMAIL':
			return `Email "${value}" already belongs to ${describeUser(owner)}.`;
		case 'DUPLICATE_PHONE':
			return `Phone "${value}" already belongs to ${describeUser(owner)}.`;
	}
}

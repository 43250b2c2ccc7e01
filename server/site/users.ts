import {
	changedFormFields,
	changedMeanwhileMessage,
	nextUserId,
	validateUserForm,
	type UserFormValues
} from '../../src/lib/domain/user-form';
import { userConflictMessage, type UserConflictCode } from '../../src/lib/domain/user-conflicts';
import type { User, UserId, UserInput } from '../../src/lib/domain/model';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure, invalidFields } from '../http/api-failure';
import { lastWriter, recordAt } from './meanwhile';
import { userRecordOf, type UserRecord, type UserRow } from './records';
import { nextVersion, recordChange } from './versions';

export const USER_COLUMNS =
	'id, name, email, phone, phone_digits, user_type, department, title, image_file, has_image, created_at, updated_at, version, updated_by, last_import_id';

async function findUser(tx: SqlQueryable, siteId: string, id: string): Promise<UserRecord | null> {
	const rows = await tx.query<UserRow>(
		`SELECT ${USER_COLUMNS} FROM users WHERE site_id = $1 AND id = $2`,
		[siteId, id]
	);
	return rows[0] ? userRecordOf(rows[0]) : null;
}

export async function requireUser(
	tx: SqlQueryable,
	siteId: string,
	id: string
): Promise<UserRecord> {
	const user = await findUser(tx, siteId, id);
	if (!user)
		throw new ApiFailure(
			'NOT_FOUND',
			`There is no user ${id}: another admin may have deleted them`
		);
	return user;
}

/** Every field of the form judged at once, by the browser's own rules. */
function validated(values: UserFormValues, generatedId: UserId | null): UserInput {
	const result = validateUserForm(values, generatedId);
	if (!result.ok) throw invalidFields(result.errors[0] ?? {});
	return result.value;
}

/** Every uniqueness conflict at once, naming the user who holds each value. */
async function assertUnique(tx: SqlQueryable, siteId: string, user: UserInput, selfId?: string) {
	const rows = await tx.query<{
		id: string;
		name: string;
		email: string | null;
		phone: string | null;
		phone_digits: string | null;
	}>(
		`SELECT id, name, email, phone, phone_digits FROM users
		 WHERE site_id = $1 AND ($2::text IS NULL OR id <> $2)
		   AND (id = $3 OR email = $4 OR phone_digits = $5)`,
		[siteId, selfId ?? null, user.id, user.email ?? null, user.phoneDigits ?? null]
	);
	const conflicts: { code: UserConflictCode; message: string; userId: string }[] = [];
	for (const other of rows) {
		const owner = { id: other.id as UserId, name: other.name };
		if (other.id === user.id)
			conflicts.push({
				code: 'DUPLICATE_USER_ID',
				message: userConflictMessage('DUPLICATE_USER_ID', user.id, owner),
				userId: other.id
			});
		if (user.email && other.email === user.email)
			conflicts.push({
				code: 'DUPLICATE_EMAIL',
				message: userConflictMessage('DUPLICATE_EMAIL', user.email, owner),
				userId: other.id
			});
		if (user.phoneDigits && other.phone_digits === user.phoneDigits)
			conflicts.push({
				code: 'DUPLICATE_PHONE',
				message: userConflictMessage('DUPLICATE_PHONE', other.phone ?? user.phoneDigits, owner),
				userId: other.id
			});
	}
	const [first] = conflicts;
	if (!first) return;
	// The user who has this User ID, as the server holds them: the replica may have skipped that
	// record while its own unconfirmed copy looked newer, and the refusal's undo removes that copy.
	const holder = rows.some((other) => other.id === user.id)
		? await requireUser(tx, siteId, user.id)
		: undefined;
	throw new ApiFailure(first.code, conflicts.map((c) => c.message).join(' '), {
		detail: {
			userId: first.userId,
			conflicts: conflicts.map(({ code, userId }) => ({ code, userId })),
			...(holder ? { current: holder } : {})
		}
	});
}

async function highestNumberedId(tx: SqlQueryable, siteId: string): Promise<UserId | undefined> {
	const rows = await tx.query<{ id: string }>(
		`SELECT id FROM users WHERE site_id = $1 AND id ~ '^U[0-9]{6}$' ORDER BY id DESC LIMIT 1`,
		[siteId]
	);
	return rows[0]?.id as UserId | undefined;
}

/** Stores a user as given, with the site's next version and its change in the feed. */
export async function writeUser(
	tx: SqlQueryable,
	siteId: string,
	admin: Admin,
	user: User
): Promise<UserRecord> {
	const version = await nextVersion(tx, siteId);
	const rows = await tx.query<UserRow>(
		`INSERT INTO users (site_id, id, name, email, phone, phone_digits, user_type, department, title,
		                    image_file, has_image, created_at, updated_at, version, updated_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		 ON CONFLICT (site_id, id) DO UPDATE SET
		   name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
		   phone_digits = EXCLUDED.phone_digits, user_type = EXCLUDED.user_type,
		   department = EXCLUDED.department, title = EXCLUDED.title,
		   updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
		   written_by = NULL
		 RETURNING ${USER_COLUMNS}`,
		[
			siteId,
			user.id,
			user.name,
			user.email ?? null,
			user.phone ?? null,
			user.phoneDigits ?? null,
			user.userType,
			user.department ?? null,
			user.title ?? null,
			user.imageFile ?? null,
			user.hasImage ?? false,
			user.createdAt,
			user.updatedAt,
			version,
			admin.id
		]
	);
	const record = userRecordOf(rows[0] as UserRow);
	await recordChange(tx, siteId, version, { entity: 'user', key: record.id, record });
	return record;
}

/** A new user from the form's values; a blank User ID takes the next free `U000001`-style one. */
export async function createUser(
	tx: SqlQueryable,
	admin: Admin,
	values: UserFormValues,
	now: number
): Promise<UserRecord> {
	const generated =
		values.userId.trim() === '' ? nextUserId(await highestNumberedId(tx, admin.siteId)) : null;
	const input = validated(values, generated);
	await assertUnique(tx, admin.siteId, input);
	return writeUser(tx, admin.siteId, admin, { ...input, createdAt: now, updatedAt: now });
}

/**
 * Saves the form over the user as the admin loaded it (`baseVersion`). When the user has moved
 * on since and a field the form shows differs, it is refused with who changed what, rather than
 * putting back what the other admin wrote; a change to fields the form does not show passes.
 */
export async function updateUser(
	tx: SqlQueryable,
	admin: Admin,
	id: string,
	baseVersion: number,
	values: UserFormValues,
	now: number
): Promise<UserRecord> {
	const existing = await requireUser(tx, admin.siteId, id);
	const input = validated({ ...values, userId: id }, null);
	if (existing.version !== baseVersion) {
		const base = await recordAt<User>(tx, admin.siteId, 'user', id, baseVersion);
		const fields = base ? changedFormFields(base, existing) : ['name' as const];
		if (fields.length > 0) {
			const by = await lastWriter(tx, admin.siteId, 'user', id);
			throw new ApiFailure('CHANGED_MEANWHILE', changedMeanwhileMessage(fields, by), {
				detail: { userId: id, fields, changedBy: by, current: existing }
			});
		}
	}
	await assertUnique(tx, admin.siteId, input, id);
	return writeUser(tx, admin.siteId, admin, {
		...withoutOptional(existing),
		...input,
		id: existing.id,
		updatedAt: now
	});
}

/** The editable fields the form may have blanked, cleared so the input's absence removes them. */
function withoutOptional(user: User): User {
	const { email: _e, phone: _p, phoneDigits: _d, department: _dep, title: _t, ...rest } = user;
	return rest;
}

/** Deletes a user and their cards, each deletion a change of its own. */
export async function deleteUser(tx: SqlQueryable, admin: Admin, id: string): Promise<void> {
	await requireUser(tx, admin.siteId, id);
	const cards = await tx.query<{ number: string }>(
		'DELETE FROM cards WHERE site_id = $1 AND user_id = $2 RETURNING number',
		[admin.siteId, id]
	);
	for (const card of cards)
		await recordChange(tx, admin.siteId, await nextVersion(tx, admin.siteId), {
			entity: 'card',
			key: card.number,
			record: null
		});
	await tx.query('DELETE FROM users WHERE site_id = $1 AND id = $2', [admin.siteId, id]);
	await recordChange(tx, admin.siteId, await nextVersion(tx, admin.siteId), {
		entity: 'user',
		key: id,
		record: null
	});
}

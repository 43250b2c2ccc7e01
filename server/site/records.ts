import type { Card, CardForm, User, WiegandCredential } from '../../src/lib/domain/model';

/** A user row as the database returns it. */
export interface UserRow {
	id: string;
	name: string;
	email: string | null;
	phone: string | null;
	phone_digits: string | null;
	user_type: User['userType'];
	department: string | null;
	title: string | null;
	image_file: string | null;
	has_image: boolean;
	created_at: number | string;
	updated_at: number | string;
	version: number | string;
	updated_by: string | null;
	/** Since migration 0006. */
	last_import_id?: string | null;
}

export interface CardRow {
	number: string;
	user_id: string;
	status: Card['status'];
	valid_from: string;
	valid_to: string;
	entered_as: CardForm | null;
	/** Since migration 0005. */
	wiegand?: WiegandCredential | null;
	/** Since migration 0006. */
	import_id?: string | null;
	issued_at: number | string | null;
	created_at: number | string;
	updated_at: number | string;
	version: number | string;
}

/** What the replica stores: the browser's own User, plus the version the server gave it. */
export type UserRecord = User & { version: number };
export type CardRecord = Card & { version: number };

const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
	(value === null ? {} : { [key]: value }) as { [P in K]?: V };

export function userRecordOf(row: UserRow): UserRecord {
	return {
		id: row.id as User['id'],
		name: row.name,
		...optional('email', row.email),
		...optional('phone', row.phone),
		...optional('phoneDigits', row.phone_digits),
		userType: row.user_type,
		...optional('department', row.department),
		...optional('title', row.title),
		...optional('imageFile', row.image_file),
		...(row.has_image ? { hasImage: true } : {}),
		...optional('lastImportId', (row.last_import_id ?? null) as User['lastImportId'] | null),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		version: Number(row.version)
	};
}

export function cardRecordOf(row: CardRow): CardRecord {
	return {
		number: row.number as Card['number'],
		userId: row.user_id as Card['userId'],
		status: row.status,
		validFrom: row.valid_from as Card['validFrom'],
		validTo: row.valid_to as Card['validTo'],
		...optional('enteredAs', row.entered_as),
		...optional('wiegand', row.wiegand ?? null),
		...optional('importId', (row.import_id ?? null) as Card['importId'] | null),
		...(row.issued_at === null ? {} : { issuedAt: Number(row.issued_at) }),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		version: Number(row.version)
	};
}

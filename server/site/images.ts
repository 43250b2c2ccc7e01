import { settingsFrom } from '../../src/lib/domain/app-settings';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { userRecordOf, type UserRow } from './records';
import { APP_SETTINGS_KEY, readSetting } from './settings';
import { requireUser } from './users';
import { nextVersion, recordChange } from './versions';

/** What the browser stores: JPEG, PNG or WebP, as its resizer writes them. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface UserImage {
	image: Uint8Array;
	thumbnail: Uint8Array;
	contentType: ImageType;
	width: number;
	height: number;
}

/** The feed's small record of a photo: replicas fetch the bytes themselves. */
export interface ImageRecord {
	userId: string;
	width: number;
	height: number;
	version: number;
	updatedAt: number;
}

async function writeHasImage(tx: SqlQueryable, admin: Admin, userId: string, hasImage: boolean) {
	const version = await nextVersion(tx, admin.siteId);
	const rows = await tx.query<UserRow>(
		`UPDATE users SET has_image = $3, version = $4, updated_by = $5
		 WHERE site_id = $1 AND id = $2
		 RETURNING id, name, email, phone, phone_digits, user_type, department, title, image_file,
		   has_image, created_at, updated_at, version, updated_by`,
		[admin.siteId, userId, hasImage, version, admin.id]
	);
	const record = userRecordOf(rows[0] as UserRow);
	await recordChange(tx, admin.siteId, version, { entity: 'user', key: userId, record });
}

/**
 * Sets a user's photo, in a transaction that holds the site's write lock: the bytes, the user's
 * `hasImage` and both feed changes land together. Also what a bulk image import calls per user.
 */
export async function setUserImage(
	tx: SqlQueryable,
	admin: Admin,
	userId: string,
	upload: UserImage,
	now: number
): Promise<ImageRecord> {
	await requireUser(tx, admin.siteId, userId);
	const { maxImageMb } = settingsFrom(await readSetting(tx, admin.siteId, APP_SETTINGS_KEY));
	if (upload.image.byteLength > maxImageMb * 1024 * 1024)
		throw new ApiFailure(
			'PAYLOAD_TOO_LARGE',
			`The image is larger than the ${maxImageMb} MB Settings allow`
		);
	if (upload.thumbnail.byteLength > upload.image.byteLength)
		throw new ApiFailure('INVALID_INPUT', 'The thumbnail is larger than the image');
	const version = await nextVersion(tx, admin.siteId);
	await tx.query(
		`INSERT INTO images (site_id, user_id, image, thumbnail, content_type, width, height, updated_at, version)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		 ON CONFLICT (site_id, user_id) DO UPDATE SET image = EXCLUDED.image,
		   thumbnail = EXCLUDED.thumbnail, content_type = EXCLUDED.content_type,
		   width = EXCLUDED.width, height = EXCLUDED.height,
		   updated_at = EXCLUDED.updated_at, version = EXCLUDED.version`,
		[
			admin.siteId,
			userId,
			upload.image,
			upload.thumbnail,
			upload.contentType,
			upload.width,
			upload.height,
			now,
			version
		]
	);
	const { width, height } = upload;
	const record: ImageRecord = { userId, width, height, version, updatedAt: now };
	await recordChange(tx, admin.siteId, version, { entity: 'image', key: userId, record });
	await writeHasImage(tx, admin, userId, true);
	return record;
}

/** Removes a user's photo; removing one that is not there is not an error. */
export async function removeUserImage(tx: SqlQueryable, admin: Admin, userId: string) {
	await requireUser(tx, admin.siteId, userId);
	const removed = await tx.query(
		'DELETE FROM images WHERE site_id = $1 AND user_id = $2 RETURNING 1',
		[admin.siteId, userId]
	);
	if (removed.length === 0) return;
	const version = await nextVersion(tx, admin.siteId);
	await recordChange(tx, admin.siteId, version, { entity: 'image', key: userId, record: null });
	await writeHasImage(tx, admin, userId, false);
}

/** The stored bytes of one size of a user's photo, or null. */
export async function readUserImage(
	db: SqlQueryable,
	siteId: string,
	userId: string,
	size: 'image' | 'thumbnail'
): Promise<{ bytes: Uint8Array; contentType: string; version: number } | null> {
	const column = size === 'image' ? 'image' : 'thumbnail';
	const rows = await db.query<{
		bytes: Uint8Array;
		content_type: string;
		version: number | string;
	}>(
		`SELECT ${column} AS bytes, content_type, version FROM images WHERE site_id = $1 AND user_id = $2`,
		[siteId, userId]
	);
	const row = rows[0];
	return row
		? { bytes: row.bytes, contentType: row.content_type, version: Number(row.version) }
		: null;
}

import { settingsFrom } from '../../src/lib/domain/app-settings';
import { IMAGE_TYPES, type ImagePut } from '../../src/lib/domain/mutations';
import { APP_SETTINGS_KEY } from '../../src/lib/domain/settings-keys';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { userRecordOf, type UserRecord, type UserRow } from './records';
import { readSetting } from './settings';
import { requireUser, USER_COLUMNS } from './users';
import { nextVersion, recordChange } from './versions';

/** The feed's small record of a photo: replicas fetch the bytes themselves. */
export interface ImageRecord {
	userId: string;
	width: number;
	height: number;
	version: number;
	updatedAt: number;
}

/** A photo and its user as they are once written: the mutation's answer. */
export interface ImageWritten {
	image: ImageRecord | null;
	user: UserRecord;
}

/**
 * The user's `hasImage` follows the photo, with a version of its own, so every replica's lists
 * show it. `updated_at` stays: it is when the admin last changed the person's details.
 */
async function writeHasImage(
	tx: SqlQueryable,
	admin: Admin,
	userId: string,
	hasImage: boolean
): Promise<UserRecord> {
	const version = await nextVersion(tx, admin.siteId);
	const rows = await tx.query<UserRow>(
		`UPDATE users SET has_image = $3, version = $4, updated_by = $5
		 WHERE site_id = $1 AND id = $2 RETURNING ${USER_COLUMNS}`,
		[admin.siteId, userId, hasImage, version, admin.id]
	);
	const record = userRecordOf(rows[0] as UserRow);
	await recordChange(tx, admin.siteId, version, { entity: 'user', key: userId, record });
	return record;
}

/** Decodes an `image.put`'s two sizes, refusing what the browser's resizer never writes. */
function decodeUpload(put: ImagePut) {
	if (!(IMAGE_TYPES as readonly string[]).includes(put.contentType))
		throw new ApiFailure(
			'UNSUPPORTED_MEDIA_TYPE',
			`A photo must be JPEG, PNG or WebP, not ${put.contentType}: choose another file`
		);
	const image = Buffer.from(put.image, 'base64');
	const thumbnail = Buffer.from(put.thumbnail, 'base64');
	if (image.byteLength === 0 || thumbnail.byteLength === 0)
		throw new ApiFailure(
			'INVALID_INPUT',
			'The photo or its thumbnail is empty: choose the file again'
		);
	if (thumbnail.byteLength > image.byteLength)
		throw new ApiFailure(
			'INVALID_INPUT',
			'The thumbnail is larger than the photo: choose the file again'
		);
	return { image, thumbnail };
}

/**
 * Sets a user's photo, in a transaction that holds the site's write lock: the bytes, the user's
 * `hasImage` and both feed changes land together. The photo is held to the site's Maximum image
 * size, as the browser's resizer holds it.
 */
export async function setUserImage(
	tx: SqlQueryable,
	admin: Admin,
	put: ImagePut,
	now: number
): Promise<ImageWritten> {
	const { userId, contentType, width, height } = put;
	const upload = decodeUpload(put);
	await requireUser(tx, admin.siteId, userId);
	const { maxImageMb } = settingsFrom(await readSetting(tx, admin.siteId, APP_SETTINGS_KEY));
	if (upload.image.byteLength > maxImageMb * 1024 * 1024)
		throw new ApiFailure(
			'PAYLOAD_TOO_LARGE',
			`The photo is larger than the ${maxImageMb} MB Settings allow: choose a smaller one, or raise Maximum image size in Settings`
		);
	const version = await nextVersion(tx, admin.siteId);
	await tx.query(
		`INSERT INTO images (site_id, user_id, image, thumbnail, content_type, width, height, updated_at, version)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		 ON CONFLICT (site_id, user_id) DO UPDATE SET image = EXCLUDED.image,
		   thumbnail = EXCLUDED.thumbnail, content_type = EXCLUDED.content_type,
		   width = EXCLUDED.width, height = EXCLUDED.height,
		   updated_at = EXCLUDED.updated_at, version = EXCLUDED.version`,
		[admin.siteId, userId, upload.image, upload.thumbnail, contentType, width, height, now, version]
	);
	const image: ImageRecord = { userId, width, height, version, updatedAt: now };
	await recordChange(tx, admin.siteId, version, { entity: 'image', key: userId, record: image });
	return { image, user: await writeHasImage(tx, admin, userId, true) };
}

/** Removes a user's photo; removing one that is not there is not an error. */
export async function removeUserImage(
	tx: SqlQueryable,
	admin: Admin,
	userId: string
): Promise<ImageWritten> {
	const user = await requireUser(tx, admin.siteId, userId);
	const removed = await tx.query(
		'DELETE FROM images WHERE site_id = $1 AND user_id = $2 RETURNING 1',
		[admin.siteId, userId]
	);
	if (removed.length === 0) return { image: null, user };
	const version = await nextVersion(tx, admin.siteId);
	await recordChange(tx, admin.siteId, version, { entity: 'image', key: userId, record: null });
	return { image: null, user: await writeHasImage(tx, admin, userId, false) };
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

/**
 * The backup sections of the site's settings and its users' photos, in the records the browser
 * keeps (src/lib/db/records.ts SettingRecord, UserImage), so a browser-only backup's settings and
 * photos restore into the site and a server backup restores in a browser. Their feed changes are
 * the ones a live write records (settings.ts, images.ts).
 */
import type { Fields } from '../../src/lib/domain/backup-rules';
import { quote } from '../../src/lib/domain/field-rules';
import { IMAGE_TYPES } from '../../src/lib/domain/mutations';
import { isSiteSettingKey } from '../../src/lib/domain/settings-keys';
import { ApiFailure } from '../http/api-failure';
import { recordChanges, versioned, type BackupSection } from './backup-section';
import type { ImageRecord } from './images';
import { userRecordOf, type UserRow } from './records';
import type { SettingRecord } from './settings';

interface SettingRow {
	key: string;
	value: unknown;
	updated_at: number | string;
	version: number | string;
}

const settingRecordOf = (row: SettingRow): SettingRecord => ({
	key: row.key,
	value: row.value,
	updatedAt: Number(row.updated_at),
	version: Number(row.version)
});

export const settings: BackupSection = {
	table: 'settings',
	versionsPerRecord: 1,
	// The theme, the replica's copy of the import lease: one browser's, never the site's.
	keeps: (record) => typeof record.key === 'string' && isSiteSettingKey(record.key),
	async page(tx, siteId, after, limit) {
		const rows = await tx.query<SettingRow>(
			`SELECT * FROM site_settings WHERE site_id = $1 AND ($2::text IS NULL OR key > $2)
			 ORDER BY key LIMIT $3`,
			[siteId, after, limit]
		);
		return rows.map((row) => {
			const { key, value, updatedAt } = settingRecordOf(row);
			return { key, record: { key, value, updatedAt } };
		});
	},
	async restore(tx, siteId, _adminId, records, firstVersion) {
		const rows = await tx.query<SettingRow>(
			`INSERT INTO site_settings (site_id, key, value, updated_at, version)
			 SELECT $1, r.key, r.value, round(r."updatedAt")::bigint, r.version
			 FROM jsonb_to_recordset($2::jsonb) AS r(
			   key text, value jsonb, "updatedAt" double precision, version bigint)
			 RETURNING *`,
			[siteId, JSON.stringify(versioned(records, firstVersion))]
		);
		await recordChanges(
			tx,
			siteId,
			'setting',
			rows.map((row) => ({ key: row.key, record: settingRecordOf(row) }))
		);
	},
	async clearForRestore(tx, siteId, reserve) {
		const removed = await tx.query<{ key: string }>(
			'DELETE FROM site_settings WHERE site_id = $1 RETURNING key',
			[siteId]
		);
		if (removed.length === 0) return 0;
		const last = await reserve(removed.length);
		const first = last - removed.length + 1;
		await recordChanges(
			tx,
			siteId,
			'setting',
			removed.map(({ key }, i) => ({ key, version: first + i, record: null }))
		);
		return last;
	},
	async erase(tx, siteId) {
		await tx.query('DELETE FROM site_settings WHERE site_id = $1', [siteId]);
	}
};

interface ImageRow {
	user_id: string;
	image: Uint8Array<ArrayBuffer>;
	thumbnail: Uint8Array<ArrayBuffer>;
	content_type: string;
	width: number;
	height: number;
	updated_at: number | string;
	version: number | string;
}

/**
 * Photos read per query, whatever the page asked: each holds two files of up to the site's
 * Maximum image size.
 */
const PHOTOS_PER_PAGE = 20;

const base64Of = async (blob: Blob) => Buffer.from(await blob.arrayBuffer()).toString('base64');

/**
 * The photo's type, which the server serves both sizes as: one an upload may have. The
 * browser's resizer writes JPEG; a file edited to hold another type is refused, as an upload is.
 */
function contentTypeOf(record: Fields): string {
	const image = record.image as Blob;
	if ((IMAGE_TYPES as readonly string[]).includes(image.type)) return image.type;
	throw new ApiFailure(
		'INVALID_INPUT',
		`images (image of user ${quote(String(record.userId))}): its type ${quote(image.type)} is not JPEG, PNG or WebP. Nothing was restored.`
	);
}

export const images: BackupSection = {
	table: 'images',
	versionsPerRecord: 2,
	async page(tx, siteId, after, limit) {
		const rows = await tx.query<ImageRow>(
			`SELECT * FROM images WHERE site_id = $1 AND ($2::text IS NULL OR user_id > $2)
			 ORDER BY user_id LIMIT $3`,
			[siteId, after, Math.min(limit, PHOTOS_PER_PAGE)]
		);
		return rows.map((row) => ({
			key: row.user_id,
			record: {
				userId: row.user_id,
				image: new Blob([row.image], { type: row.content_type }),
				thumbnail: new Blob([row.thumbnail], { type: row.content_type }),
				width: row.width,
				height: row.height,
				updatedAt: Number(row.updated_at)
			}
		}));
	},
	async restore(tx, siteId, adminId, records, firstVersion) {
		const photos = await Promise.all(
			versioned(records, firstVersion).map(async (record) => ({
				...record,
				contentType: contentTypeOf(record),
				image: await base64Of(record.image as Blob),
				thumbnail: await base64Of(record.thumbnail as Blob)
			}))
		);
		const rows = await tx.query<ImageRow>(
			`INSERT INTO images (site_id, user_id, image, thumbnail, content_type, width, height,
			                     updated_at, version)
			 SELECT $1, r."userId", decode(r.image, 'base64'), decode(r.thumbnail, 'base64'),
			        r."contentType", r.width, r.height, round(r."updatedAt")::bigint, r.version
			 FROM jsonb_to_recordset($2::jsonb) AS r(
			   "userId" text, image text, thumbnail text, "contentType" text, width integer,
			   height integer, "updatedAt" double precision, version bigint)
			 RETURNING user_id, width, height, updated_at, version`,
			[siteId, JSON.stringify(photos)]
		);
		await recordChanges(
			tx,
			siteId,
			'image',
			rows.map((row) => {
				const record: ImageRecord = {
					userId: row.user_id,
					width: row.width,
					height: row.height,
					version: Number(row.version),
					updatedAt: Number(row.updated_at)
				};
				return { key: row.user_id, record };
			})
		);
		// Each user's hasImage follows its photo with a version of its own, after the photos'
		// (as images.ts writes it for an upload), so every replica's lists show the photo.
		const owners = records.map((record, i) => ({
			id: record.userId,
			version: firstVersion + photos.length + i
		}));
		const users = await tx.query<UserRow>(
			`UPDATE users SET has_image = true, version = o.version, updated_by = $2::uuid
			 FROM jsonb_to_recordset($3::jsonb) AS o(id text, version bigint)
			 WHERE users.site_id = $1 AND users.id = o.id RETURNING users.*`,
			[siteId, adminId, JSON.stringify(owners)]
		);
		await recordChanges(
			tx,
			siteId,
			'user',
			users.map((row) => ({ key: row.id, record: userRecordOf(row) }))
		);
	},
	async erase(tx, siteId) {
		await tx.query('DELETE FROM images WHERE site_id = $1', [siteId]);
	}
};

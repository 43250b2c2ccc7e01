import { settingValueProblem } from '../../src/lib/domain/backup-checks';
import { isSiteSettingKey } from '../../src/lib/domain/settings-keys';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { nextVersion, recordChange } from './versions';

/** The feed's record of a setting: the browser's `settings` record, with the site's version. */
export interface SettingRecord {
	key: string;
	value: unknown;
	updatedAt: number;
	version: number;
}

export async function readSetting(db: SqlQueryable, siteId: string, key: string): Promise<unknown> {
	const rows = await db.query<{ value: unknown }>(
		'SELECT value FROM site_settings WHERE site_id = $1 AND key = $2',
		[siteId, key]
	);
	return rows[0]?.value;
}

/**
 * Stores a setting of the site, judged by the browser's own rules for its key (the same a
 * backup's settings are judged by), and feeds it. A key that is not the site's is refused: the
 * theme, say, is one browser's.
 */
export async function putSetting(
	tx: SqlQueryable,
	admin: Admin,
	key: string,
	value: unknown,
	now: number
): Promise<SettingRecord> {
	if (!isSiteSettingKey(key))
		throw new ApiFailure(
			'INVALID_INPUT',
			`"${key}" is not a setting of the site: only the defaults, the last import's options and saved mappings are kept on the server`,
			{ detail: { key } }
		);
	const problem = settingValueProblem(key, value);
	if (problem)
		throw new ApiFailure('INVALID_INPUT', `The setting "${key}" cannot be saved: ${problem}`, {
			detail: { key }
		});
	const version = await nextVersion(tx, admin.siteId);
	await tx.query(
		`INSERT INTO site_settings (site_id, key, value, updated_at, version) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (site_id, key) DO UPDATE SET value = EXCLUDED.value,
		   updated_at = EXCLUDED.updated_at, version = EXCLUDED.version`,
		[admin.siteId, key, JSON.stringify(value), now, version]
	);
	const record: SettingRecord = { key, value, updatedAt: now, version };
	await recordChange(tx, admin.siteId, version, { entity: 'setting', key, record });
	return record;
}

import { validateAppSettings, type AppSettings } from '../../src/lib/domain/app-settings';
import type { Admin } from '../auth/admins';
import type { SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { nextVersion, recordChange } from './versions';

/** The keys the browser stores (src/lib/db/app-settings.ts, db/repositories/mapping-profiles.ts). */
export const APP_SETTINGS_KEY = 'app-settings';
export const LAST_IMPORT_OPTIONS_KEY = 'import:last-options';
const MAPPING_KEY = /^mapping:[\w:.-]{1,200}$/;

export interface SettingRecord {
	key: string;
	value: unknown;
	version: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The refusal for a value, or null when the key takes it. */
function problemOf(key: string, value: unknown): string | null {
	if (key === APP_SETTINGS_KEY) {
		if (!isObject(value)) return 'Settings must be an object';
		const result = validateAppSettings(value as unknown as AppSettings);
		return result.ok ? null : result.errors.join('. ');
	}
	if (key === LAST_IMPORT_OPTIONS_KEY)
		return isObject(value) ? null : 'Import options must be an object';
	if (MAPPING_KEY.test(key)) {
		if (!isObject(value)) return 'A mapping profile must be an object';
		const { mapping, settings, delimiter, encoding } = value;
		if (!isObject(mapping) || !isObject(settings))
			return 'A mapping profile needs its mapping and options';
		if (typeof delimiter !== 'string' || typeof encoding !== 'string')
			return 'A mapping profile needs its delimiter and encoding';
		return null;
	}
	return `There is no setting "${key}"`;
}

export async function readSetting(db: SqlQueryable, siteId: string, key: string): Promise<unknown> {
	const rows = await db.query<{ value: unknown }>(
		'SELECT value FROM site_settings WHERE site_id = $1 AND key = $2',
		[siteId, key]
	);
	return rows[0]?.value;
}

/** Stores a setting of the site, checked by the browser's own rules, and feeds it. */
export async function putSetting(
	tx: SqlQueryable,
	admin: Admin,
	key: string,
	value: unknown
): Promise<SettingRecord> {
	const problem = problemOf(key, value);
	if (problem) throw new ApiFailure('INVALID_INPUT', problem, { detail: { key } });
	const version = await nextVersion(tx, admin.siteId);
	await tx.query(
		`INSERT INTO site_settings (site_id, key, value, version) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (site_id, key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version`,
		[admin.siteId, key, JSON.stringify(value), version]
	);
	const record: SettingRecord = { key, value, version };
	await recordChange(tx, admin.siteId, version, { entity: 'setting', key, record });
	return record;
}

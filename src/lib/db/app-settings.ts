/**
 * The admin's defaults stored as one record of the `settings` table. The rules (what is valid,
 * the defaults) are in src/lib/domain/app-settings.ts; the import wizard reads the record through
 * readAppSettings, screens through the live state in src/lib/state/app-settings.svelte.ts.
 */
import { settingsFrom, validateAppSettings, type AppSettings } from '$lib/domain/app-settings';
import { toAppError, type AppError } from '$lib/domain/errors';
import { fail, ok, type Result } from '$lib/domain/result';
import type { RosterDatabase } from './database';

import { APP_SETTINGS_KEY } from '$lib/domain/settings-keys';

export { APP_SETTINGS_KEY };

/** The stored settings, or the defaults for anything missing or unreadable. */
export async function readAppSettings(db: RosterDatabase): Promise<AppSettings> {
	const record = await db.settings.get(APP_SETTINGS_KEY);
	return settingsFrom(record?.value);
}

export async function saveAppSettings(
	db: RosterDatabase,
	settings: AppSettings,
	now = Date.now()
): Promise<Result<AppSettings, AppError>> {
	const checked = validateAppSettings(settings);
	if (!checked.ok) {
		return fail({ code: 'INVALID_INPUT', message: checked.errors.join('; ') });
	}
	try {
		await db.settings.put({ key: APP_SETTINGS_KEY, value: settings, updatedAt: now });
		return ok(settings);
	} catch (thrown) {
		return fail(toAppError(thrown));
	}
}

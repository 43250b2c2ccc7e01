/**
 * The admin's defaults stored as one record of the `settings` table. The rules (what is valid,
 * the defaults) are in src/lib/domain/app-settings.ts; the import wizard reads the record through
 * readAppSettings, screens through the live state in src/lib/state/app-settings.svelte.ts.
 */
import { settingsFrom, type AppSettings } from '$lib/domain/app-settings';
import { APP_SETTINGS_KEY } from '$lib/domain/settings-keys';
import type { RosterDatabase } from './database';

export { APP_SETTINGS_KEY };

/** The stored settings, or the defaults for anything missing or unreadable. */
export async function readAppSettings(db: RosterDatabase): Promise<AppSettings> {
	const record = await db.settings.get(APP_SETTINGS_KEY);
	return settingsFrom(record?.value);
}

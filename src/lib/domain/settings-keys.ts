/**
 * The keys of the `settings` records whose values have rules of their own: the browser's
 * repositories store them, and a backup's checks (backup-checks.ts), in the browser and on the
 * server, judge them by these keys.
 */
export const APP_SETTINGS_KEY = 'app-settings';
export const LAST_IMPORT_OPTIONS_KEY = 'import:last-options';

/** A saved column mapping, keyed by the fingerprint of its file's header row (mapping.ts). */
export const mappingProfileKey = (fingerprint: string) => `mapping:${fingerprint}`;

const MAPPING_KEY = /^mapping:[\w:.-]{1,200}$/;

/**
 * The settings that belong to the site and live on its server (the defaults, the last import's
 * options, saved mappings). Any other setting is one browser's and stays in its IndexedDB.
 */
export const isSiteSettingKey = (key: string): boolean =>
	key === APP_SETTINGS_KEY || key === LAST_IMPORT_OPTIONS_KEY || MAPPING_KEY.test(key);

/**
 * The keys of the `settings` records whose values have rules of their own: the browser's
 * repositories store them, and a backup's checks (backup-checks.ts), in the browser and on the
 * server, judge them by these keys.
 */
export const APP_SETTINGS_KEY = 'app-settings';
export const LAST_IMPORT_OPTIONS_KEY = 'import:last-options';

import { database } from '$lib/db/database';
import { APP_SETTINGS_KEY } from '$lib/db/app-settings';
import { DEFAULT_APP_SETTINGS, settingsFrom, type AppSettings } from '$lib/domain/app-settings';
import { LiveValue } from './live-value.svelte';

/** The admin's defaults as a live value: every tab sees a change at once. */
class AppSettingsState {
	#live: LiveValue<AppSettings> | undefined;

	get current(): AppSettings {
		this.#live ??= new LiveValue(
			async () => settingsFrom((await database().settings.get(APP_SETTINGS_KEY))?.value),
			DEFAULT_APP_SETTINGS
		);
		return this.#live.current;
	}
}

export const appSettings = new AppSettingsState();

import type { ImportSettings } from '$lib/domain/import-settings';
import type { Mapping } from '$lib/domain/mapping';
import { LAST_IMPORT_OPTIONS_KEY, mappingProfileKey } from '$lib/domain/settings-keys';
import type { RosterDatabase } from '../database';
import { saveSiteSettings } from './site-settings';

/**
 * The options an import carries over to the next. Not the validity dates (they depend on the day)
 * and not the Card ID type: a type that only suited the last file would silently misread the next
 * one (decimal cards read as hex all "succeed" with other numbers), so every file starts from the
 * Settings default and the admin chooses again. The Card format likewise: every file starts as
 * CSN, and a Wiegand file's rows say in the preview that a format is to be chosen.
 */
export type RememberedOptions = Omit<
	ImportSettings,
	'startDate' | 'endDate' | 'cardIdType' | 'cardFormat'
>;

/** What Roster remembers of the last import of a file with the same header row. */
export interface MappingProfile {
	mapping: Mapping;
	settings: RememberedOptions;
	delimiter: string;
	encoding: string;
}

export { LAST_IMPORT_OPTIONS_KEY };

export async function loadMappingProfile(
	db: RosterDatabase,
	fingerprint: string
): Promise<MappingProfile | undefined> {
	const record = await db.settings.get(mappingProfileKey(fingerprint));
	return record?.value as MappingProfile | undefined;
}

/** Remembers a file's mapping for the whole site: every admin's next such file starts from it. */
export async function saveMappingProfile(
	db: RosterDatabase,
	fingerprint: string,
	profile: MappingProfile,
	now: number
): Promise<void> {
	await saveSiteSettings(
		db,
		[
			{ key: mappingProfileKey(fingerprint), value: profile },
			{ key: LAST_IMPORT_OPTIONS_KEY, value: profile.settings }
		],
		now
	);
}

/**
 * The options of the last import, whatever its file: the starting point of the next one. Options
 * stored before the Card ID type stopped being remembered still hold one: it is dropped.
 */
export async function loadLastImportOptions(
	db: RosterDatabase
): Promise<RememberedOptions | undefined> {
	const record = await db.settings.get(LAST_IMPORT_OPTIONS_KEY);
	if (record === undefined) return undefined;
	const {
		cardIdType: _dropped,
		cardFormat: _format,
		...options
	} = record.value as Partial<ImportSettings>;
	return options as RememberedOptions;
}

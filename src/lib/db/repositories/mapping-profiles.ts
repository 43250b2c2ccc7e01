import type { ImportSettings } from '$lib/domain/import-settings';
import type { Mapping } from '$lib/domain/mapping';
import type { RosterDatabase } from '../database';

/** What Roster remembers of the last import of a file with the same header row. */
export interface MappingProfile {
	mapping: Mapping;
	settings: Omit<ImportSettings, 'startDate' | 'endDate'>;
	delimiter: string;
	encoding: string;
}

const keyOf = (fingerprint: string) => `mapping:${fingerprint}`;
export const LAST_IMPORT_OPTIONS_KEY = 'import:last-options';

export async function loadMappingProfile(
	db: RosterDatabase,
	fingerprint: string
): Promise<MappingProfile | undefined> {
	const record = await db.settings.get(keyOf(fingerprint));
	return record?.value as MappingProfile | undefined;
}

export async function saveMappingProfile(
	db: RosterDatabase,
	fingerprint: string,
	profile: MappingProfile,
	now: number
): Promise<void> {
	await db.settings.bulkPut([
		{ key: keyOf(fingerprint), value: profile, updatedAt: now },
		{ key: LAST_IMPORT_OPTIONS_KEY, value: profile.settings, updatedAt: now }
	]);
}

/** The options of the last import, whatever its file: the starting point of the next one. */
export async function loadLastImportOptions(
	db: RosterDatabase
): Promise<MappingProfile['settings'] | undefined> {
	const record = await db.settings.get(LAST_IMPORT_OPTIONS_KEY);
	return record?.value as MappingProfile['settings'] | undefined;
}

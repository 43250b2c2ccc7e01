import type { ImportStore } from '$lib/domain/import-store';
import type { RosterDatabase } from '$lib/db/database';
import { readAppSettings } from '$lib/db/app-settings';
import {
	commitChunk,
	existingKeyFilters,
	lookupForChunk,
	narrowLookup
} from '$lib/db/repositories/import-chunks';

/**
 * The import's storage port on IndexedDB (docs/architecture.md, "Imports on the server"). The
 * keys stored when the run starts are read once into filters: a key outside them needs no
 * look-up, since nobody else writes while the run holds the guard.
 */
export async function dexieImportStore(db: RosterDatabase): Promise<ImportStore> {
	const existing = await existingKeyFilters(db);
	return {
		lookup: (keys) => lookupForChunk(db, narrowLookup(keys, existing)),
		maxCardsPerUser: async () => (await readAppSettings(db)).maxCardsPerUser,
		commit: (chunk) => commitChunk(db, chunk)
	};
}

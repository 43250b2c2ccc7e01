import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAST_IMPORT_OPTIONS_KEY } from '$lib/domain/settings-keys';
import type { RosterDatabase } from '../database';
import { sessionRow, testDatabase } from '../testing/test-db';
import { loadLastImportOptions, loadMappingProfile, saveMappingProfile } from './mapping-profiles';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const profile = {
	mapping: sessionRow('profile').mapping,
	settings: { overwrite: 'keep' as const, dateFormat: 'YYYY-MM-DD' as const, headerRow: 1 },
	delimiter: ';',
	encoding: 'utf-8'
};

describe('a remembered mapping is the site’s', () => {
	it('is stored here and queued for the server as two settings, in order', async () => {
		await db.settings.put({ key: LAST_IMPORT_OPTIONS_KEY, value: { headerRow: 2 }, updatedAt: 1 });
		await saveMappingProfile(db, 'h2-00ff', profile, 50);
		expect(await loadMappingProfile(db, 'h2-00ff')).toEqual(profile);
		expect(await loadLastImportOptions(db)).toEqual(profile.settings);

		const entries = await db.outbox.orderBy('createdAt').toArray();
		expect(entries.map(({ mutation }) => mutation)).toMatchObject([
			{ type: 'setting.put', key: 'mapping:h2-00ff', value: profile },
			{ type: 'setting.put', key: LAST_IMPORT_OPTIONS_KEY, value: profile.settings }
		]);
		// A refusal puts back what was there: nothing for the mapping, the older options.
		expect(entries.map(({ before }) => before.settings?.[0]?.record?.value ?? null)).toEqual([
			null,
			{ headerRow: 2 }
		]);
	});
});

import { afterEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from './database';
import { browserOnlySite } from './browser-only-site';
import { SCHEMA_VERSIONS } from './schema';
import { storedCard, storedUser, testDatabase } from './testing/test-db';

let db: RosterDatabase;
afterEach(() => db.delete());

describe('browserOnlySite', () => {
	it('is nothing for an empty database, and the counts once it holds users', async () => {
		db = testDatabase();
		expect(await browserOnlySite(db)).toBeNull();
		await db.users.bulkAdd([storedUser('U1'), storedUser('U2')]);
		await db.cards.add(storedCard('7', 'U1'));
		expect(await browserOnlySite(db)).toEqual({ users: 2, cards: 1 });
	});

	it('is nothing once the database is a replica, with a cursor in its meta table', async () => {
		const withMeta = [...SCHEMA_VERSIONS, { version: 99, stores: { replica: 'key' } }];
		db = testDatabase(withMeta);
		await db.users.add(storedUser('U1'));
		expect(await browserOnlySite(db)).toEqual({ users: 1, cards: 0 });
		await db.table('replica').put({ key: 'feed', cursor: 12 });
		expect(await browserOnlySite(db)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';
import { storedUser, testDatabase, uid } from './testing/test-db';

describe('schema versions', () => {
	it('are numbered in order without gaps', () => {
		expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(
			SCHEMA_VERSIONS.map((_, index) => index + 1)
		);
	});

	it('open every table of the design', async () => {
		const db = testDatabase();
		await db.open();
		expect(db.tables.map((t) => t.name).sort()).toEqual([
			'cards',
			'images',
			'importJournal',
			'importResults',
			'importSessions',
			'settings',
			'users'
		]);
		await db.delete();
	});

	it('upgrade a database written by an older version, keeping and rewriting its data', async () => {
		// The pattern every future version follows: append an entry, rewrite records in upgrade().
		const name = `roster-upgrade-${Math.random()}`;
		const v1 = testDatabase(SCHEMA_VERSIONS, name);
		await v1.users.add(storedUser('1', { department: '  Sales ' }));
		v1.close();

		const next: SchemaVersion = {
			version: SCHEMA_VERSIONS.length + 1,
			stores: { users: 'id, email, phoneDigits, department' },
			upgrade: async (tx) => {
				await tx
					.table('users')
					.toCollection()
					.modify((user: { department?: string }) => {
						user.department = user.department?.trim();
					});
			}
		};
		const v2 = testDatabase([...SCHEMA_VERSIONS, next], name);
		expect(await v2.users.get(uid('1'))).toMatchObject({ department: 'Sales' });
		expect(await v2.users.where('department').equals('Sales').count()).toBe(1);
		await v2.delete();
	});
});

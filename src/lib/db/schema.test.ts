import { describe, expect, it } from 'vitest';
import type { SessionId } from '$lib/domain/model';
import type { ImportSession } from '$lib/domain/import-session';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';
import { sessionRow, storedUser, testDatabase, uid } from './testing/test-db';

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
			'importFiles',
			'importJournal',
			'importResults',
			'importSessions',
			'outbox',
			'replica',
			'settings',
			'siteImports',
			'users'
		]);
		await db.delete();
	});

	it('version 2 moves the file of each session out of its row, into importFiles', async () => {
		const name = `roster-v2-${Math.random()}`;
		const v1 = testDatabase(SCHEMA_VERSIONS.slice(0, 1), name);
		const file = new Blob(['User ID,Name\n1,Ana\n']);
		await v1.importSessions.bulkAdd([
			{ ...sessionRow('with-file'), file } as ImportSession,
			sessionRow('without-file')
		]);
		v1.close();

		const v2 = testDatabase(SCHEMA_VERSIONS, name);
		const session = await v2.importSessions.get('with-file' as SessionId);
		expect(session).toBeDefined();
		expect(session).not.toHaveProperty('file');
		const stored = await v2.importFiles.get('with-file' as SessionId);
		expect(await stored?.file.text()).toBe('User ID,Name\n1,Ana\n');
		expect(await v2.importFiles.count()).toBe(1);
		expect(await v2.importSessions.count()).toBe(2);
		await v2.delete();
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

import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../testing/databases';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';

const NEWEST = MIGRATIONS.at(-1)?.version ?? 0;

describe.each(TEST_BACKENDS)('migrations on $name', { timeout: 30_000 }, (backend) => {
	beforeAll(() => backend.warmUp(), 60_000);

	it('run from empty to the newest version, once', async () => {
		const db = await backend.open({ migrated: false });
		try {
			expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
			expect(await schemaVersion(db)).toBe(NEWEST);
			expect(await migrate(db)).toEqual([]);
		} finally {
			await db.close();
		}
	});

	it.each(MIGRATIONS.map((m) => m.version))('run from version %i to the newest', async (from) => {
		const db = await backend.open({ migrated: false });
		try {
			await migrate(db, from);
			expect(await schemaVersion(db)).toBe(from);
			const rest = MIGRATIONS.filter((m) => m.version > from).map((m) => m.version);
			expect(await migrate(db)).toEqual(rest);
			expect(await schemaVersion(db)).toBe(NEWEST);
		} finally {
			await db.close();
		}
	});

	it('apply a version that landed in a gap to a site already past it (3 after 5 and 6)', async () => {
		const db = await backend.open({ migrated: false });
		try {
			const released = MIGRATIONS.filter((m) => m.version !== 3);
			await migrate(db, NEWEST, released);
			expect(await migrate(db)).toEqual([3]);
			const leases = await db.query("SELECT to_regclass('import_leases') AS t");
			expect(leases).toEqual([{ t: 'import_leases' }]);
		} finally {
			await db.close();
		}
	});

	it('roll a failing migration back whole, leaving the version where it was', async () => {
		const db = await backend.open({ migrated: false });
		try {
			const broken = [
				...MIGRATIONS,
				{ version: NEWEST + 1, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT 1/0;' }
			];
			await expect(migrate(db, NEWEST + 1, broken)).rejects.toThrow();
			expect(await schemaVersion(db)).toBe(NEWEST);
			const half = await db.query(
				"SELECT 1 FROM information_schema.tables WHERE table_name = 'half'"
			);
			expect(half).toEqual([]);
		} finally {
			await db.close();
		}
	});

	it('delete a site’s uploads and their parts with the site (0008)', async () => {
		const db = await backend.open();
		try {
			const site = '00000000-0000-4000-8000-000000000001';
			const admin = '00000000-0000-4000-8000-000000000002';
			await db.query("INSERT INTO sites (id, name) VALUES ($1, 'Site')", [site]);
			await db.query(
				`INSERT INTO admins (id, site_id, email, name, password_hash, role)
				 VALUES ($1, $2, 'a@example.com', 'A', 'x', 'owner')`,
				[admin, site]
			);
			await db.query(
				`INSERT INTO uploads (site_id, id, admin_id, name, size, sha256, received)
				 VALUES ($1, 'u1', $2, 'staff.csv', 3, $3, 3)`,
				[site, admin, 'a'.repeat(64)]
			);
			await db.query(
				`INSERT INTO upload_parts (site_id, upload_id, "offset", bytes) VALUES ($1, 'u1', 0, $2)`,
				[site, new Uint8Array([1, 2, 3])]
			);
			await db.query('DELETE FROM sites WHERE id = $1', [site]);
			expect(await db.query('SELECT 1 FROM uploads')).toEqual([]);
			expect(await db.query('SELECT 1 FROM upload_parts')).toEqual([]);
		} finally {
			await db.close();
		}
	});

	it('keep UNIQUE on an admin email per site', async () => {
		const db = await backend.open();
		try {
			const site = '00000000-0000-4000-8000-000000000001';
			await db.query("INSERT INTO sites (id, name) VALUES ($1, 'Site')", [site]);
			const insert = (id: string) =>
				db.query(
					`INSERT INTO admins (id, site_id, email, name, password_hash, role)
					 VALUES ($1, $2, 'a@example.com', 'A', 'x', 'owner')`,
					[id, site]
				);
			await insert('00000000-0000-4000-8000-000000000002');
			await expect(insert('00000000-0000-4000-8000-000000000003')).rejects.toMatchObject({
				code: '23505'
			});
		} finally {
			await db.close();
		}
	});
});

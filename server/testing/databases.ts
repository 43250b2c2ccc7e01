import { randomBytes } from 'node:crypto';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { SqlDatabase } from '../db/sql';

export interface TestBackend {
	name: string;
	/** Starts the backend's server or instance; call it in `beforeAll` with a long timeout. */
	warmUp(): Promise<void>;
	/** A new, empty database (migrated unless told not to). Close it at the end of the test. */
	open(options?: { migrated?: boolean }): Promise<SqlDatabase>;
}

const newSchemaName = () => `test_${randomBytes(6).toString('hex')}`;

/**
 * Starting PGlite takes seconds, so a test file shares one instance and each database is a
 * schema of its own in it. PGlite has one connection and a file's tests run one at a time, so
 * `SET search_path` holds until the next database is opened.
 */
let sharedPglite: Promise<SqlDatabase> | undefined;
export const pgliteBackend: TestBackend = {
	name: 'PGlite',
	async warmUp() {
		await (sharedPglite ??= openPglite());
	},
	async open({ migrated = true } = {}) {
		const base = await (sharedPglite ??= openPglite());
		const schema = newSchemaName();
		await base.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
		const db: SqlDatabase = {
			...base,
			description: `PGlite schema ${schema}`,
			async close() {
				await base.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
			}
		};
		if (migrated) await migrate(db);
		return db;
	}
};

/** Each database is a schema of its own on the server, dropped again when it is closed. */
function postgresBackend(url: string): TestBackend {
	return {
		name: 'PostgreSQL',
		async warmUp() {
			const probe = openPostgres(url);
			await probe.query('SELECT 1');
			await probe.close();
		},
		async open({ migrated = true } = {}) {
			const schema = newSchemaName();
			const admin = openPostgres(url);
			await admin.exec(`CREATE SCHEMA ${schema}`);
			const db = openPostgres(url, schema);
			if (migrated) await migrate(db);
			return {
				...db,
				async close() {
					await db.close();
					await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
					await admin.close();
				}
			};
		}
	};
}

/**
 * The databases every server suite runs against: PGlite always, and a real PostgreSQL when
 * `TEST_DATABASE_URL` names one (`.ci/run` starts a throw-away cluster and sets it).
 */
export const TEST_BACKENDS: readonly TestBackend[] = [
	pgliteBackend,
	...(process.env.TEST_DATABASE_URL ? [postgresBackend(process.env.TEST_DATABASE_URL)] : [])
];

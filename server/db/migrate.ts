import { MIGRATIONS, type Migration } from './migrations';
import type { SqlDatabase } from './sql';

// Any constant will do: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_421_001;

/**
 * Brings the schema up to `target` (the newest by default), each migration in its own
 * transaction with its row in `schema_migrations`. Several server processes may start at once on
 * one PostgreSQL: the advisory lock makes the others wait, then find nothing left to do.
 * Returns the versions it applied.
 */
export async function migrate(
	db: SqlDatabase,
	target: number = MIGRATIONS.at(-1)?.version ?? 0,
	migrations: readonly Migration[] = MIGRATIONS
): Promise<number[]> {
	await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		name text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`);
	const applied: number[] = [];
	for (const migration of migrations) {
		if (migration.version > target) break;
		const ran = await db.transaction(async (tx) => {
			await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
				migration.version
			]);
			if (done.length > 0) return false;
			await tx.exec(migration.sql);
			await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
				migration.version,
				migration.name
			]);
			return true;
		});
		if (ran) applied.push(migration.version);
	}
	return applied;
}

/** The newest version applied, 0 for an empty database. */
export async function schemaVersion(db: SqlDatabase): Promise<number> {
	const rows = await db.query<{ version: number | null }>(
		'SELECT max(version) AS version FROM schema_migrations'
	);
	return rows[0]?.version ?? 0;
}

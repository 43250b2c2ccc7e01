import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { SqlDatabase } from './sql';

/** PostgreSQL when a URL is given, else PGlite in `dataDir`; migrated to the newest schema. */
export async function openDatabase(config: {
	databaseUrl?: string;
	dataDir: string;
}): Promise<SqlDatabase> {
	let db: SqlDatabase;
	if (config.databaseUrl) {
		db = openPostgres(config.databaseUrl);
	} else {
		mkdirSync(config.dataDir, { recursive: true });
		const unlock = lockDataDir(config.dataDir);
		const pglite = await openPglite(config.dataDir);
		db = {
			...pglite,
			async close() {
				await pglite.close();
				unlock();
			}
		};
	}
	await migrate(db);
	return db;
}

import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDatabase, SqlQueryable, SqlValue } from './sql';

/** PGlite keeps one connection: transactions are serialised by PGlite itself. */
function queryable(target: PGlite | Transaction): SqlQueryable {
	return {
		async query<Row extends object>(text: string, params: readonly SqlValue[] = []) {
			const result = await target.query<Row>(text, [...params]);
			return result.rows;
		},
		async exec(script: string) {
			await target.exec(script);
		}
	};
}

/** The embedded database: Postgres compiled to WebAssembly, stored in `dataDir` (memory if none). */
export async function openPglite(dataDir?: string): Promise<SqlDatabase> {
	const db = await PGlite.create(dataDir);
	const root = queryable(db);
	return {
		description: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
		query: root.query,
		exec: root.exec,
		transaction: (work) => db.transaction((tx) => work(queryable(tx))),
		async listen(channel, onPayload) {
			const unlisten = await db.listen(channel, onPayload);
			return () => unlisten();
		},
		close: () => db.close()
	};
}

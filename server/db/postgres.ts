import pg from 'pg';
import type { SqlDatabase, SqlQueryable, SqlValue } from './sql';

// bigint columns (the change versions) come back as strings by default; they stay below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function queryable(client: pg.Pool | pg.PoolClient): SqlQueryable {
	return {
		async query<Row extends object>(text: string, params: readonly SqlValue[] = []) {
			const result = await client.query<Row>(text, [...params]);
			return result.rows;
		},
		async exec(script: string) {
			// No parameters: pg sends it as a simple query, which may hold several statements.
			await client.query(script);
		}
	};
}

/**
 * A PostgreSQL 15+ server through a `pg` pool. `searchPath` puts every connection in one schema,
 * which is how the tests give each suite a database of its own on one server.
 */
export function openPostgres(connectionString: string, searchPath?: string): SqlDatabase {
	const pool = new pg.Pool({
		connectionString,
		...(searchPath ? { options: `-c search_path=${searchPath}` } : {})
	});
	const root = queryable(pool);
	return {
		description: 'PostgreSQL',
		query: root.query,
		async transaction(work) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const value = await work(queryable(client));
				await client.query('COMMIT');
				return value;
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			} finally {
				client.release();
			}
		},
		exec: root.exec,
		// LISTEN holds its connection for as long as it listens: a client of its own, not the pool's.
		async listen(channel, onPayload) {
			const client = new pg.Client({ connectionString });
			await client.connect();
			client.on('notification', (message) => {
				if (message.channel === channel) onPayload(message.payload ?? '');
			});
			await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
			return () => client.end();
		},
		close: () => pool.end()
	};
}

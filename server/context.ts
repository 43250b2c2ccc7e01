import type { SqlDatabase } from './db/sql';

/** What every route is given: the database and how this server was started. */
export interface ServerContext {
	db: SqlDatabase;
	/** Cookies get `Secure` when the server (or its proxy) speaks TLS. */
	secureCookies: boolean;
	/** How a failed sign-in is slowed; tests pass one that records instead of waiting. */
	slowDown: (ms: number) => Promise<void>;
}

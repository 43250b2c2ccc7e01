/**
 * The one shape the server talks to its database through, whether that is PGlite embedded in
 * the process or a PostgreSQL server over `pg` (docs/architecture.md, "The site server"). Both
 * speak the same SQL, so every query and migration is written once.
 */
export type SqlValue = string | number | boolean | null | Date | Uint8Array;

export interface SqlQueryable {
	/** Runs one parameterised statement (`$1`, `$2`, …) and returns its rows. */
	query: <Row extends object>(text: string, params?: readonly SqlValue[]) => Promise<Row[]>;
	/** Runs a script of several statements without parameters (migrations). */
	exec: (script: string) => Promise<void>;
}

export interface SqlDatabase extends SqlQueryable {
	/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
	transaction: <T>(work: (tx: SqlQueryable) => Promise<T>) => Promise<T>;
	/**
	 * Calls `onPayload` for every NOTIFY on `channel`, from any process on this database, until
	 * the returned function is called.
	 */
	listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
	close: () => Promise<void>;
	/** What the database is, for the start-up line: "PGlite in ./data" or "PostgreSQL". */
	readonly description: string;
}

/** PostgreSQL's SQLSTATE for a unique violation, as both drivers report it in `code`. */
export const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE and constraint of a database error, when it carries them. */
export function sqlErrorOf(error: unknown): { code?: string; constraint?: string } {
	if (typeof error !== 'object' || error === null) return {};
	const { code, constraint } = error as { code?: unknown; constraint?: unknown };
	return {
		code: typeof code === 'string' ? code : undefined,
		constraint: typeof constraint === 'string' ? constraint : undefined
	};
}

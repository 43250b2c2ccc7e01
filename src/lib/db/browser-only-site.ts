import type { RosterDatabase } from './database';

/**
 * The table in which the replica (src/lib/sync/) keeps its feed cursor. SEAM for the replica
 * work: until that table exists, no browser has a cursor, and a database holding users is one
 * the browser-only version of Roster filled.
 */
const REPLICA_META_TABLE = 'replica';

export interface LocalSite {
	users: number;
	cards: number;
}

/**
 * What this browser holds of a site from the browser-only version: its users and cards, or null
 * when it holds no users, or holds them as a replica of the site server (it has a cursor).
 */
export async function browserOnlySite(db: RosterDatabase): Promise<LocalSite | null> {
	const users = await db.users.count();
	if (users === 0) return null;
	const meta = db.tables.find((table) => table.name === REPLICA_META_TABLE);
	if (meta !== undefined && (await meta.count()) > 0) return null;
	return { users, cards: await db.cards.count() };
}

/**
 * How each kind of record in the site's feed reaches the replica (docs/architecture.md, "The
 * replica"). One handler per entity; a page of the feed is applied in one Dexie transaction over
 * the tables of every handler, with the cursor. An entity with no handler here is skipped (a
 * newer server may send kinds this build does not know), and the cursor still moves past it.
 */
import type { Table } from 'dexie';
import type { RosterDatabase } from '$lib/db/database';

export interface FeedChange {
	version: number;
	entity: string;
	key: string;
	record: unknown;
}

export interface EntityHandler {
	/** The tables apply() writes. */
	tables(db: RosterDatabase): Table[];
	/** Runs inside the page's transaction. */
	apply(db: RosterDatabase, change: FeedChange): Promise<void>;
	/**
	 * Optional bulk path, used instead of apply() for a page's changes of this entity, in version
	 * order: one bulkPut and one bulkDelete rather than a request per record.
	 */
	applyPage?(db: RosterDatabase, changes: FeedChange[]): Promise<void>;
	/** Runs after the page committed, outside its transaction (may fetch). */
	afterCommit?(db: RosterDatabase, changes: FeedChange[]): Promise<void>;
}

/** A table whose records are the feed's records as they are, keyed by the change's key. */
function recordTable<T, K, Insert>(
	table: (db: RosterDatabase) => Table<T, K, Insert>
): EntityHandler {
	return {
		tables: (db) => [table(db)],
		apply: async (db, { key, record }) => {
			if (record === null) await table(db).delete(key as K);
			else await table(db).put(record as Insert);
		},
		applyPage: async (db, changes) => {
			// The last change of each key wins; a key put then deleted in one page is deleted.
			const last = new Map<string, FeedChange>();
			for (const change of changes) last.set(change.key, change);
			const puts: Insert[] = [];
			const deletes: K[] = [];
			for (const { key, record } of last.values()) {
				if (record === null) deletes.push(key as K);
				else puts.push(record as Insert);
			}
			await table(db).bulkDelete(deletes);
			await table(db).bulkPut(puts);
		}
	};
}

export const FEED_ENTITIES: Record<string, EntityHandler> = {
	user: recordTable((db) => db.users),
	card: recordTable((db) => db.cards)
};

/**
 * How each kind of record in the site's feed reaches the replica (docs/architecture.md, "The
 * replica"). One handler per entity; a page of the feed is applied in one Dexie transaction over
 * the tables of every handler, with the cursor. An entity with no handler here is skipped (a
 * newer server may send kinds this build does not know), and the cursor still moves past it.
 */
import type { Table } from 'dexie';
import type { RosterDatabase } from '$lib/db/database';
import type { UserId } from '$lib/domain/model';
import { imageHandler } from './feed-images';
import { SITE_LEASE_KEY } from '$lib/db/guard';

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

interface Stamped {
	updatedAt?: number;
}

/**
 * A record written here after the one the feed brings (an import chunk, its card issuing, a form
 * save still in the outbox): the feed's is older and its own write will follow it through the
 * feed, so putting the older one back meanwhile would undo the admin's work on their screen.
 */
const newerHere = (stored: unknown, incoming: unknown): boolean =>
	((stored as Stamped | undefined)?.updatedAt ?? -Infinity) >
	((incoming as Stamped).updatedAt ?? 0);

/** The last change of each key wins; a key put then deleted in one page is deleted. */
function lastOfEachKey(changes: readonly FeedChange[]): FeedChange[] {
	const last = new Map<string, FeedChange>();
	for (const change of changes) last.set(change.key, change);
	return [...last.values()];
}

/** A table whose records are the feed's records as they are, keyed by the change's key. */
function recordTable<T, K, Insert>(
	table: (db: RosterDatabase) => Table<T, K, Insert>
): EntityHandler {
	return {
		tables: (db) => [table(db)],
		apply: async (db, { key, record }) => {
			if (record === null) await table(db).delete(key as K);
			else if (!newerHere(await table(db).get(key as K), record))
				await table(db).put(record as Insert);
		},
		applyPage: async (db, changes) => {
			const puts: FeedChange[] = [];
			const deletes: K[] = [];
			for (const change of lastOfEachKey(changes)) {
				if (change.record === null) deletes.push(change.key as K);
				else puts.push(change);
			}
			const stored = await table(db).bulkGet(puts.map((change) => change.key as K));
			await table(db).bulkDelete(deletes);
			await table(db).bulkPut(
				puts
					.filter((change, i) => !newerHere(stored[i], change.record))
					.map((change) => change.record as Insert)
			);
		}
	};
}

/** The site's import lease: one key, the lease or null, kept where the guard reads it. */
const siteLease: EntityHandler = {
	tables: (db) => [db.settings],
	apply: async (db, { record }) => {
		await db.settings.put({ key: SITE_LEASE_KEY, value: record, updatedAt: Date.now() });
	}
};

/**
 * Users, whose photos go with them: the server deletes a user's photo with the user (ON DELETE
 * CASCADE) without a change of its own, and a later user of the same ID must never be shown or
 * printed with it.
 */
function usersWithTheirPhotos(): EntityHandler {
	const users = recordTable((db) => db.users);
	return {
		tables: (db) => [db.users, db.images],
		apply: async (db, change) => {
			await users.apply(db, change);
			if (change.record === null) await db.images.delete(change.key as UserId);
		},
		applyPage: async (db, changes) => {
			await users.applyPage?.(db, changes);
			const deleted = lastOfEachKey(changes).filter((change) => change.record === null);
			await db.images.bulkDelete(deleted.map((change) => change.key as UserId));
		}
	};
}

export const FEED_ENTITIES: Record<string, EntityHandler> = {
	user: usersWithTheirPhotos(),
	card: recordTable((db) => db.cards),
	image: imageHandler,
	// The site's settings (defaults, saved mappings), as the browser's `settings` records.
	setting: recordTable((db) => db.settings),
	lease: siteLease,
	// The site server's import jobs; a completed one is deleted (null).
	import: recordTable((db) => db.siteImports)
};

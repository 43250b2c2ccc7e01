/**
 * The replica's bookkeeping: where the feed was read up to, and applying one page of it
 * (docs/architecture.md, "The replica").
 */
import type { Table } from 'dexie';
import type { RosterDatabase } from '$lib/db/database';
import type { ReplicaMeta } from '$lib/db/records';
import { isSiteSettingKey } from '$lib/domain/settings-keys';
import { FEED_ENTITIES, type FeedChange } from './feed-entities';

/** One answer of GET /api/changes. */
export interface FeedPage {
	changes: FeedChange[];
	/** The version to ask from next. */
	cursor: number;
	/** The site's version when the page was read. */
	version: number;
	more: boolean;
	/** How many times the site has been erased; a replica read under another epoch is void. */
	epoch?: number;
}

const META_KEY = 'feed';

export async function readReplicaMeta(db: RosterDatabase): Promise<ReplicaMeta | undefined> {
	return db.replica.get(META_KEY);
}

/** True once this browser's database follows a site server (it has read the feed at least once). */
export async function hasReplica(db: RosterDatabase): Promise<boolean> {
	return (await readReplicaMeta(db)) !== undefined;
}

/**
 * A site kept only in this browser (from before the site server): users or cards, but no replica.
 * It stays as it is, unsynced, until it is moved in to the server.
 */
export async function isBrowserOnlySite(db: RosterDatabase): Promise<boolean> {
	if (await hasReplica(db)) return false;
	return (await db.users.count()) > 0 || (await db.cards.count()) > 0;
}

/** Makes this database a replica, starting from an empty feed position. */
export async function startReplica(db: RosterDatabase): Promise<ReplicaMeta> {
	const meta: ReplicaMeta = { key: META_KEY, cursor: 0, head: 0, firstSyncDone: false };
	await db.replica.put(meta);
	return meta;
}

/**
 * Applies a page in ONE transaction with the cursor, so a reload resumes after the last page that
 * committed, never between its changes. Changes of an unknown entity are skipped.
 */
export async function applyFeedPage(db: RosterDatabase, page: FeedPage): Promise<ReplicaMeta> {
	const stored = await readReplicaMeta(db);
	if (stored?.epoch !== undefined && page.epoch !== undefined && stored.epoch !== page.epoch) {
		return dropErasedCopy(db, page);
	}
	const byEntity = new Map<string, FeedChange[]>();
	for (const change of page.changes) {
		if (!FEED_ENTITIES[change.entity]) continue;
		const list = byEntity.get(change.entity) ?? [];
		list.push(change);
		byEntity.set(change.entity, list);
	}
	const tables: Table[] = [db.replica];
	for (const entity of byEntity.keys()) tables.push(...(FEED_ENTITIES[entity]?.tables(db) ?? []));
	const meta = await db.transaction('rw', tables, async () => {
		for (const [entity, changes] of byEntity) {
			const handler = FEED_ENTITIES[entity];
			if (!handler) continue;
			if (handler.applyPage) await handler.applyPage(db, changes);
			else for (const change of changes) await handler.apply(db, change);
		}
		const next: ReplicaMeta = {
			key: META_KEY,
			cursor: page.cursor,
			head: Math.max(page.version, page.cursor),
			firstSyncDone: ((await readReplicaMeta(db))?.firstSyncDone ?? false) || !page.more,
			...(page.epoch === undefined ? {} : { epoch: page.epoch })
		};
		await db.replica.put(next);
		return next;
	});
	for (const [entity, changes] of byEntity) {
		await FEED_ENTITIES[entity]?.afterCommit?.(db, changes);
	}
	return meta;
}

/**
 * The site was erased since this copy was read: its settings, people, cards, photos and the
 * changes waiting for them describe a site that is gone, so they go, and the feed is read again
 * from the start under the new epoch (the page in hand was asked from the old cursor). This
 * browser's own settings stay: the theme, and the replica's copy of the import lease, which the
 * lease's own feed changes keep (an erase is refused while a lease is held).
 */
async function dropErasedCopy(db: RosterDatabase, page: FeedPage): Promise<ReplicaMeta> {
	const meta: ReplicaMeta = {
		key: META_KEY,
		cursor: 0,
		head: page.version,
		firstSyncDone: false,
		...(page.epoch === undefined ? {} : { epoch: page.epoch })
	};
	const tables = [
		db.replica,
		db.settings,
		db.users,
		db.cards,
		db.images,
		db.outbox,
		db.siteImports
	];
	await db.transaction('rw', tables, async () => {
		await Promise.all([
			db.settings.filter((setting) => isSiteSettingKey(setting.key)).delete(),
			db.users.clear(),
			db.cards.clear(),
			db.images.clear(),
			db.outbox.clear(),
			db.siteImports.clear()
		]);
		await db.replica.put(meta);
	});
	return meta;
}

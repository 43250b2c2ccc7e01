import type { Table } from 'dexie';
import type { RosterDatabase } from '$lib/db/database';
import type { UserId } from '$lib/domain/model';
import { apiBlob } from '$lib/state/api';

/**
 * How each entity of the site's feed (GET /api/changes) lands in the replica. The puller applies
 * a page in one Dexie transaction over every handler's tables, then runs each afterCommit.
 * The replica's 'user' and 'card' handlers join this registry from the replica branch.
 */
export interface FeedChange {
	version: number;
	entity: string;
	key: string;
	record: unknown;
}

export interface EntityHandler {
	tables(db: RosterDatabase): Table[];
	apply(db: RosterDatabase, change: FeedChange): Promise<void>;
	afterCommit?(db: RosterDatabase, changes: FeedChange[]): Promise<void>;
}

interface ImageChange {
	userId: string;
	width: number;
	height: number;
	updatedAt: number;
}
interface SettingChange {
	key: string;
	value: unknown;
}

/**
 * A photo's bytes are fetched after the page commits: a transaction cannot wait on the network.
 * Only the newest change of each user counts, and a photo already removed again is skipped.
 */
/** The server keys a photo by its user's ID, which it accepted as one. */
const userIdOf = (key: string) => key as UserId;

const imageHandler: EntityHandler = {
	tables: (db) => [db.images],
	async apply(db, change) {
		if (change.record === null) await db.images.delete(userIdOf(change.key));
	},
	async afterCommit(db, changes) {
		const newest = new Map(changes.map((change) => [change.key, change]));
		for (const [userId, change] of newest) {
			const record = change.record as ImageChange | null;
			if (!record) continue;
			const path = `/users/${encodeURIComponent(userId)}`;
			const [image, thumbnail] = await Promise.all([
				apiBlob(`${path}/image`),
				apiBlob(`${path}/thumbnail`)
			]);
			if (!image || !thumbnail) continue;
			const { width, height, updatedAt } = record;
			await db.images.put({ userId: userIdOf(userId), image, thumbnail, width, height, updatedAt });
		}
	}
};

const settingHandler: EntityHandler = {
	tables: (db) => [db.settings],
	async apply(db, change) {
		const record = change.record as SettingChange | null;
		if (record === null) await db.settings.delete(change.key);
		else await db.settings.put({ key: record.key, value: record.value, updatedAt: Date.now() });
	}
};

export const FEED_ENTITIES: Record<string, EntityHandler> = {
	image: imageHandler,
	setting: settingHandler
};

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase, uid } from '$lib/db/testing/test-db';
import { FEED_ENTITIES, type FeedChange } from './feed-entities';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await db.delete();
});

const imageChange = (version: number, record: object | null): FeedChange => ({
	version,
	entity: 'image',
	key: 'U1',
	record
});

describe('the feed’s photos and settings in the replica', () => {
	it('fetch a photo’s two sizes after the page, and delete a removed one', async () => {
		const asked: string[] = [];
		vi.stubGlobal('fetch', (url: string) => {
			asked.push(url);
			return Promise.resolve(new Response(new Blob([url]), { status: 200 }));
		});
		const handler = FEED_ENTITIES.image;
		const set = imageChange(3, { userId: 'U1', width: 512, height: 384, updatedAt: 7 });
		await handler?.apply(db, set);
		await handler?.afterCommit?.(db, [set]);
		expect(asked.sort()).toEqual(['/api/users/U1/image', '/api/users/U1/thumbnail']);
		const stored = await db.images.get(uid('U1'));
		expect([stored?.width, stored?.height, await stored?.thumbnail.text()]).toEqual([
			512,
			384,
			'/api/users/U1/thumbnail'
		]);

		await handler?.apply(db, imageChange(4, null));
		expect(await db.images.get(uid('U1'))).toBeUndefined();
	});

	it('skip a photo the server no longer has', async () => {
		vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 404 })));
		const set = imageChange(3, { userId: 'U1', width: 1, height: 1, updatedAt: 7 });
		await FEED_ENTITIES.image?.afterCommit?.(db, [set]);
		expect(await db.images.count()).toBe(0);
	});

	it('keep a setting as the server sent it', async () => {
		const value = { maxCardsPerUser: 3 };
		await FEED_ENTITIES.setting?.apply(db, {
			version: 5,
			entity: 'setting',
			key: 'app-settings',
			record: { key: 'app-settings', value, version: 5 }
		});
		expect((await db.settings.get('app-settings'))?.value).toEqual(value);
	});
});

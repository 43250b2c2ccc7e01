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
	record: record && { userId: 'U1', width: 512, height: 384, updatedAt: 7, version, ...record }
});

/** Answers each photo request with its own URL as the bytes, and lists what was asked. */
function photosAnsweringTheirUrl(): string[] {
	const asked: string[] = [];
	vi.stubGlobal('fetch', (url: string) => {
		asked.push(url);
		return Promise.resolve(new Response(new Blob([url]), { status: 200 }));
	});
	return asked;
}

describe('the feed’s photos and settings in the replica', () => {
	it('fetch a photo’s two sizes after the page, and delete a removed one', async () => {
		const asked = photosAnsweringTheirUrl();
		const handler = FEED_ENTITIES.image;
		const set = imageChange(3, {});
		await handler?.apply(db, set);
		await handler?.afterCommit?.(db, [set]);
		expect(asked.sort()).toEqual(['/api/users/U1/image', '/api/users/U1/thumbnail']);
		const stored = await db.images.get(uid('U1'));
		expect([stored?.width, stored?.height, stored?.version]).toEqual([512, 384, 3]);
		expect(await stored?.thumbnail.text()).toBe('/api/users/U1/thumbnail');

		await handler?.apply(db, imageChange(4, null));
		expect(await db.images.get(uid('U1'))).toBeUndefined();
	});

	it('fetch only the newest photo of a user, and none once it was removed again', async () => {
		const asked = photosAnsweringTheirUrl();
		await FEED_ENTITIES.image?.afterCommit?.(db, [imageChange(3, {}), imageChange(5, {})]);
		expect(asked).toHaveLength(2);
		expect((await db.images.get(uid('U1')))?.version).toBe(5);
		await FEED_ENTITIES.image?.afterCommit?.(db, [imageChange(6, {}), imageChange(7, null)]);
		expect(asked).toHaveLength(2);
	});

	it('not fetch a photo the replica holds at that version (sent from here)', async () => {
		const asked = photosAnsweringTheirUrl();
		const blob = new Blob(['mine']);
		await db.images.put({
			userId: uid('U1'),
			image: blob,
			thumbnail: blob,
			width: 1,
			height: 1,
			updatedAt: 7,
			version: 3
		});
		await FEED_ENTITIES.image?.afterCommit?.(db, [imageChange(3, {})]);
		expect(asked).toEqual([]);
		expect(await (await db.images.get(uid('U1')))?.image.text()).toBe('mine');
	});

	it('skip a photo the server no longer has', async () => {
		vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 404 })));
		await FEED_ENTITIES.image?.afterCommit?.(db, [imageChange(3, {})]);
		expect(await db.images.count()).toBe(0);
	});

	it('keep a setting as the server sent it, and a later one over it', async () => {
		const setting = (version: number, value: object): FeedChange => ({
			version,
			entity: 'setting',
			key: 'app-settings',
			record: { key: 'app-settings', value, updatedAt: version, version }
		});
		await FEED_ENTITIES.setting?.apply(db, setting(5, { maxCardsPerUser: 3 }));
		await FEED_ENTITIES.setting?.applyPage?.(db, [setting(6, { maxCardsPerUser: 4 })]);
		expect(await db.settings.get('app-settings')).toEqual({
			key: 'app-settings',
			value: { maxCardsPerUser: 4 },
			updatedAt: 6,
			version: 6
		});
	});
});

describe('a user the feed deletes', () => {
	it('takes their photo along, so a later user of that ID is never shown with it', async () => {
		const blob = new Blob(['theirs']);
		const photoOf = (id: string) => ({
			userId: uid(id),
			image: blob,
			thumbnail: blob,
			width: 1,
			height: 1,
			updatedAt: 1
		});
		await db.images.bulkPut([photoOf('U1'), photoOf('U2'), photoOf('U3')]);
		const gone = (key: string, version: number): FeedChange => ({
			version,
			entity: 'user',
			key,
			record: null
		});
		await FEED_ENTITIES.user?.apply(db, gone('U1', 4));
		const back = { id: 'U3', name: 'Back', userType: 'Employee', createdAt: 1, updatedAt: 9 };
		await FEED_ENTITIES.user?.applyPage?.(db, [
			gone('U2', 5),
			gone('U3', 6),
			{ version: 7, entity: 'user', key: 'U3', record: { ...back, version: 7 } }
		]);
		expect((await db.images.toArray()).map((image) => image.userId)).toEqual(['U3']);
	});
});

describe('the site server’s import jobs in the replica', () => {
	const job = (version: number, status: string, updatedAt: number): FeedChange => ({
		version,
		entity: 'import',
		key: 'J1',
		record: { id: 'J1', status, fileName: 'staff.csv', updatedAt }
	});

	it('keep the newest state of each job, and delete a completed one', async () => {
		const handler = FEED_ENTITIES.import;
		await handler?.applyPage?.(db, [job(1, 'running', 10), job(2, 'finished', 20)]);
		expect((await db.siteImports.get('J1'))?.status).toBe('finished');
		await handler?.applyPage?.(db, [job(3, 'running', 15)]);
		expect((await db.siteImports.get('J1'))?.status).toBe('finished');
		await handler?.applyPage?.(db, [{ version: 4, entity: 'import', key: 'J1', record: null }]);
		expect(await db.siteImports.count()).toBe(0);
	});
});

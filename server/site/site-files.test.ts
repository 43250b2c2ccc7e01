import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieOf, startTestServer, type TestServer } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { OWNER } from '../testing/people';
import { DEFAULT_APP_SETTINGS } from '../../src/lib/domain/app-settings';
import type { MutationBody } from '../../src/lib/domain/mutations';
import { emptyUserForm } from '../../src/lib/domain/user-form';

interface Page {
	changes: {
		version: number;
		entity: string;
		key: string;
		record: Record<string, unknown> | null;
	}[];
}

const IMAGE = Buffer.from('a resized photo, as the browser makes it');
const THUMBNAIL = Buffer.from('its thumbnail');
const photo = (image = IMAGE, contentType = 'image/jpeg'): MutationBody => ({
	type: 'image.put',
	userId: 'U1',
	contentType: contentType as 'image/jpeg',
	image: image.toString('base64'),
	thumbnail: THUMBNAIL.toString('base64'),
	width: 512,
	height: 384
});
const PROFILE = {
	mapping: { name: 0 },
	settings: { overwrite: 'keep', dateFormat: 'YYYY-MM-DD', headerRow: 1 },
	delimiter: ',',
	encoding: 'utf-8'
};

describe.each(TEST_BACKENDS)('photos and settings on $name', { timeout: 30_000 }, (backend) => {
	let server: TestServer;
	let owner: string;
	beforeAll(() => backend.warmUp(), 60_000);
	beforeEach(async () => {
		server = await startTestServer(backend);
		owner = sessionCookieOf(await server.call('POST', '/api/setup', { body: OWNER }));
		const created = await mutate({
			type: 'user.create',
			values: { ...emptyUserForm(), userId: 'U1', name: 'Ana Lima' }
		});
		expect(created.status).toBe(200);
	});
	afterEach(() => server.close());

	async function mutate(body: MutationBody, id: string = randomUUID()) {
		const response = await server.call('POST', '/api/mutations', {
			cookie: owner,
			body: { id, ...body }
		});
		return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
	}
	async function feedAfter(since: number) {
		const response = await server.call('GET', `/api/changes?since=${since}`, { cookie: owner });
		return response.json<Page>().changes;
	}
	const head = async () => (await feedAfter(0)).at(-1)?.version ?? 0;

	it('store a photo, serve both sizes privately, feed the image and the user', async () => {
		const since = await head();
		const put = await mutate(photo());
		expect(put.status).toBe(200);
		expect(put.body).toMatchObject({ image: { userId: 'U1' }, user: { hasImage: true } });

		const image = await server.call('GET', '/api/users/U1/image', { cookie: owner });
		expect(image.statusCode).toBe(200);
		expect(image.rawPayload.equals(IMAGE)).toBe(true);
		expect(image.headers['content-type']).toBe('image/jpeg');
		expect(image.headers['cache-control']).toMatch(/^private/);
		const thumbnail = await server.call('GET', '/api/users/U1/thumbnail', { cookie: owner });
		expect(thumbnail.rawPayload.equals(THUMBNAIL)).toBe(true);

		const changes = await feedAfter(since);
		expect(changes.map((c) => [c.entity, c.key])).toEqual([
			['image', 'U1'],
			['user', 'U1']
		]);
		expect(changes[0]?.record).toMatchObject({
			userId: 'U1',
			width: 512,
			height: 384,
			version: changes[0]?.version
		});
		expect(changes[1]?.record).toMatchObject({ hasImage: true });
	});

	it('answer a replayed photo with its first answer, writing it once', async () => {
		const id = randomUUID();
		const since = await head();
		const first = await mutate(photo(), id);
		const again = await mutate(photo(Buffer.from('another photo entirely')), id);
		expect(again).toEqual(first);
		expect(await feedAfter(since)).toHaveLength(2);
		const image = await server.call('GET', '/api/users/U1/image', { cookie: owner });
		expect(image.rawPayload.equals(IMAGE)).toBe(true);
	});

	it('remove a photo: the feed says so and the user has none', async () => {
		await mutate(photo());
		const since = await head();
		const removed = await mutate({ type: 'image.remove', userId: 'U1' });
		expect(removed.status).toBe(200);
		const changes = await feedAfter(since);
		expect(changes.map((c) => [c.entity, c.record === null])).toEqual([
			['image', true],
			['user', false]
		]);
		// A user without a photo carries no hasImage, as the browser's records never did.
		expect(changes[1]?.record?.hasImage).toBeUndefined();
		const gone = await server.call('GET', '/api/users/U1/image', { cookie: owner });
		expect(gone.json()).toMatchObject({ code: 'NOT_FOUND' });
		// Removing what is not there changes nothing and is no error.
		expect((await mutate({ type: 'image.remove', userId: 'U1' })).status).toBe(200);
		expect(await feedAfter(since)).toHaveLength(2);
	});

	it('refuse a photo over the Settings limit, of another type, of nobody, or not base64', async () => {
		const big = Buffer.alloc(DEFAULT_APP_SETTINGS.maxImageMb * 1024 * 1024 + 1, 1);
		const refusals = [
			await mutate(photo(big)),
			await mutate(photo(IMAGE, 'image/gif')),
			await mutate({ ...photo(), userId: 'U9' } as MutationBody),
			await mutate({ ...photo(), image: 'not base64!' } as MutationBody),
			await mutate({ ...photo(), thumbnail: big.toString('base64') } as MutationBody)
		];
		expect(refusals.map((r) => [r.status, r.body.code])).toEqual([
			[413, 'PAYLOAD_TOO_LARGE'],
			[415, 'UNSUPPORTED_MEDIA_TYPE'],
			[404, 'NOT_FOUND'],
			[400, 'INVALID_INPUT'],
			[400, 'INVALID_INPUT']
		]);
		expect(refusals[0]?.body.message).toMatch(/1 MB Settings allow/);
		expect((await feedAfter(0)).filter((c) => c.entity === 'image')).toEqual([]);
	});

	it('follow a raised limit, and delete the photo with its user', async () => {
		const big = Buffer.alloc(DEFAULT_APP_SETTINGS.maxImageMb * 1024 * 1024 + 1, 1);
		await mutate({
			type: 'setting.put',
			key: 'app-settings',
			value: { ...DEFAULT_APP_SETTINGS, maxImageMb: 2 }
		});
		expect((await mutate(photo(big))).status).toBe(200);
		await mutate({ type: 'user.delete', userId: 'U1' });
		expect(await server.db.query('SELECT 1 FROM images')).toEqual([]);
	});

	it('answer 401 to the photo routes without a session', async () => {
		for (const url of ['/api/users/U1/image', '/api/users/U1/thumbnail']) {
			const response = await server.call('GET', url);
			expect([url, response.statusCode]).toEqual([url, 401]);
		}
	});

	it('store the defaults and a mapping profile by the browser’s rules, and feed them', async () => {
		const since = await head();
		const value = { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 3 };
		expect((await mutate({ type: 'setting.put', key: 'app-settings', value })).status).toBe(200);
		const key = 'mapping:h2-00ab12cd34ef5678';
		expect((await mutate({ type: 'setting.put', key, value: PROFILE })).status).toBe(200);
		const changes = await feedAfter(since);
		expect(changes.map((c) => [c.entity, c.key, c.record?.value])).toEqual([
			['setting', 'app-settings', value],
			['setting', key, PROFILE]
		]);
		expect(typeof changes[0]?.record?.updatedAt).toBe('number');
	});

	it('refuse settings the Settings screen would refuse, and keys that are not the site’s', async () => {
		const since = await head();
		const refusals = [
			await mutate({
				type: 'setting.put',
				key: 'app-settings',
				value: { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 0 }
			}),
			await mutate({ type: 'setting.put', key: 'mapping:h1-abc', value: { mapping: {} } }),
			await mutate({ type: 'setting.put', key: 'theme', value: 'dark' })
		];
		expect(refusals.map((r) => [r.status, r.body.code])).toEqual([
			[400, 'INVALID_INPUT'],
			[400, 'INVALID_INPUT'],
			[400, 'INVALID_INPUT']
		]);
		expect(refusals[0]?.body.message).toMatch(/Cards per user/);
		expect(refusals[2]?.body.message).toMatch(/"theme" is not a setting of the site/);
		expect(await feedAfter(since)).toEqual([]);
	});

	it('refuse a photo while an import holds the site, and keep a setting', async () => {
		const lease = { holder: 'run-1', activity: 'import', fileName: 'staff.csv', done: 0, total: 9 };
		expect((await mutate({ type: 'lease.take', lease } as MutationBody)).status).toBe(200);
		const refused = await mutate(photo());
		expect([refused.status, refused.body.code]).toEqual([409, 'IMPORT_IN_PROGRESS']);
		// The import itself remembers its file's mapping while it holds the lease.
		const key = 'mapping:h2-00ab12cd34ef5678';
		expect((await mutate({ type: 'setting.put', key, value: PROFILE })).status).toBe(200);
	});
});

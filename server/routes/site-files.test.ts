import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieOf, startTestServer, type TestServer } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { OWNER } from '../testing/people';
import { DEFAULT_APP_SETTINGS } from '../../src/lib/domain/app-settings';
import { emptyUserForm } from '../../src/lib/domain/user-form';

interface Refusal {
	code: string;
	message: string;
}
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
const upload = (image = IMAGE, contentType = 'image/jpeg') => ({
	contentType,
	image: image.toString('base64'),
	thumbnail: THUMBNAIL.toString('base64'),
	width: 512,
	height: 384
});

describe.each(TEST_BACKENDS)('photos and settings on $name', { timeout: 30_000 }, (backend) => {
	let server: TestServer;
	let owner: string;
	beforeAll(() => backend.warmUp(), 60_000);
	beforeEach(async () => {
		server = await startTestServer(backend);
		owner = sessionCookieOf(await server.call('POST', '/api/setup', { body: OWNER }));
		const created = await server.call('POST', '/api/mutations', {
			cookie: owner,
			body: {
				id: randomUUID(),
				type: 'user.create',
				values: { ...emptyUserForm(), userId: 'U1', name: 'Ana Lima' }
			}
		});
		expect(created.statusCode).toBe(200);
	});
	afterEach(() => server.close());

	async function feedAfter(since: number) {
		const response = await server.call('GET', `/api/changes?since=${since}`, { cookie: owner });
		return response.json<Page>().changes;
	}
	const head = async () => (await feedAfter(0)).at(-1)?.version ?? 0;

	it('store a photo, serve both sizes privately, feed the image and the user', async () => {
		const since = await head();
		const put = await server.call('PUT', '/api/users/U1/image', { cookie: owner, body: upload() });
		expect(put.statusCode).toBe(200);

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

	it('remove a photo: the feed says so and the user has none', async () => {
		await server.call('PUT', '/api/users/U1/image', { cookie: owner, body: upload() });
		const since = await head();
		const removed = await server.call('DELETE', '/api/users/U1/image', { cookie: owner });
		expect(removed.statusCode).toBe(204);
		const changes = await feedAfter(since);
		expect(changes.map((c) => [c.entity, c.record === null])).toEqual([
			['image', true],
			['user', false]
		]);
		// A user without a photo carries no hasImage, as the browser's records never did.
		expect(changes[1]?.record?.hasImage).toBeUndefined();
		const gone = await server.call('GET', '/api/users/U1/image', { cookie: owner });
		expect(gone.json()).toMatchObject({ code: 'NOT_FOUND' });
	});

	it('refuse a photo over the Settings limit, of another type, or of nobody', async () => {
		const big = Buffer.alloc(DEFAULT_APP_SETTINGS.maxImageMb * 1024 * 1024 + 1, 1);
		const tooLarge = await server.call('PUT', '/api/users/U1/image', {
			cookie: owner,
			body: upload(big)
		});
		expect([tooLarge.statusCode, tooLarge.json<Refusal>().code]).toEqual([
			413,
			'PAYLOAD_TOO_LARGE'
		]);
		const gif = await server.call('PUT', '/api/users/U1/image', {
			cookie: owner,
			body: upload(IMAGE, 'image/gif')
		});
		expect([gif.statusCode, gif.json<Refusal>().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
		const nobody = await server.call('PUT', '/api/users/U9/image', {
			cookie: owner,
			body: upload()
		});
		expect([nobody.statusCode, nobody.json<Refusal>().code]).toEqual([404, 'NOT_FOUND']);
		expect((await feedAfter(0)).filter((c) => c.entity === 'image')).toEqual([]);
	});

	it('follow a raised limit, and delete the photo with its user', async () => {
		const big = Buffer.alloc(DEFAULT_APP_SETTINGS.maxImageMb * 1024 * 1024 + 1, 1);
		await server.call('PUT', '/api/settings/app-settings', {
			cookie: owner,
			body: { value: { ...DEFAULT_APP_SETTINGS, maxImageMb: 2 } }
		});
		const put = await server.call('PUT', '/api/users/U1/image', {
			cookie: owner,
			body: upload(big)
		});
		expect(put.statusCode).toBe(200);
		await server.call('POST', '/api/mutations', {
			cookie: owner,
			body: { id: randomUUID(), type: 'user.delete', userId: 'U1' }
		});
		expect(await server.db.query('SELECT 1 FROM images')).toEqual([]);
	});

	it('answer 401 to every photo and setting route without a session', async () => {
		for (const [method, url] of [
			['PUT', '/api/users/U1/image'],
			['DELETE', '/api/users/U1/image'],
			['GET', '/api/users/U1/image'],
			['GET', '/api/users/U1/thumbnail'],
			['PUT', '/api/settings/app-settings']
		] as const) {
			const response = await server.call(method, url, { body: upload() });
			expect([url, response.statusCode]).toEqual([url, 401]);
		}
	});

	it('store the defaults and a mapping profile by the browser’s rules, and feed them', async () => {
		const since = await head();
		const value = { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 3 };
		const put = await server.call('PUT', '/api/settings/app-settings', {
			cookie: owner,
			body: { value }
		});
		expect(put.statusCode).toBe(200);
		const profile = { mapping: {}, settings: {}, delimiter: ',', encoding: 'utf-8' };
		await server.call('PUT', '/api/settings/mapping:abc123', {
			cookie: owner,
			body: { value: profile }
		});
		const changes = await feedAfter(since);
		expect(changes.map((c) => [c.entity, c.key, c.record?.value])).toEqual([
			['setting', 'app-settings', value],
			['setting', 'mapping:abc123', profile]
		]);
	});

	it('refuse settings the Settings screen would refuse, and keys that do not exist', async () => {
		const since = await head();
		const bad = await server.call('PUT', '/api/settings/app-settings', {
			cookie: owner,
			body: { value: { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 0 } }
		});
		expect([bad.statusCode, bad.json<Refusal>().code]).toEqual([400, 'INVALID_INPUT']);
		expect(bad.json<Refusal>().message).toMatch(/Cards per user/);
		const profile = await server.call('PUT', '/api/settings/mapping:abc', {
			cookie: owner,
			body: { value: { mapping: {} } }
		});
		expect(profile.json<Refusal>().code).toBe('INVALID_INPUT');
		const unknown = await server.call('PUT', '/api/settings/theme', {
			cookie: owner,
			body: { value: 'dark' }
		});
		expect(unknown.json()).toMatchObject({
			code: 'INVALID_INPUT',
			message: 'There is no setting "theme"'
		});
		expect(await feedAfter(since)).toEqual([]);
	});
});

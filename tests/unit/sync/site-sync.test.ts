/**
 * The site worker's engine against the real server app (in process, through inject): the feed
 * into a fresh IndexedDB replica, and the outbox's mutations back.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionCookieOf, startTestServer, type TestServer } from '../../../server/testing/app';
import { pgliteBackend } from '../../../server/testing/databases';
import { OWNER } from '../../../server/testing/people';
import { testDatabase } from '$lib/db/testing/test-db';
import type { RosterDatabase } from '$lib/db/database';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { APP_SETTINGS_KEY } from '$lib/domain/settings-keys';
import { emptyUserForm, type UserFormValues } from '$lib/domain/user-form';
import type { UserId } from '$lib/domain/model';
import type { ImagePut, MutationBody } from '$lib/domain/mutations';
import { applyFeedPage, isBrowserOnlySite, readReplicaMeta } from '$lib/sync/replica';
import { SiteSync } from '$lib/sync/site-sync';

const values = (userId: string, more: Partial<UserFormValues> = {}): UserFormValues => ({
	...emptyUserForm(),
	userId,
	name: `Person ${userId}`,
	...more
});

describe('the replica against the site server', { timeout: 30_000 }, () => {
	let server: TestServer;
	let cookie: string;
	let db: RosterDatabase;
	let online: boolean;
	const syncs: SiteSync[] = [];

	beforeAll(() => pgliteBackend.warmUp(), 60_000);
	beforeEach(async () => {
		server = await startTestServer(pgliteBackend);
		cookie = sessionCookieOf(await server.call('POST', '/api/setup', { body: OWNER }));
		db = testDatabase();
		online = true;
	});
	afterEach(async () => {
		vi.unstubAllGlobals();
		for (const sync of syncs.splice(0)) sync.stop();
		await db.delete();
		await server.close();
	});

	/** Another admin's write, straight to the server. */
	async function elsewhere(body: MutationBody): Promise<number> {
		const response = await server.call('POST', '/api/mutations', {
			cookie,
			body: { id: randomUUID(), ...body }
		});
		return response.statusCode;
	}

	/** A replica that talks to the server through inject; `online` false: the network is down. */
	function replica(pageSize?: number, session = () => cookie): SiteSync {
		const sync = new SiteSync(
			db,
			{
				base: '',
				events: null,
				fetch: async (input, init) => {
					if (!online) throw new TypeError('Failed to fetch');
					const body =
						typeof init?.body === 'string' ? (JSON.parse(init.body) as object) : undefined;
					const response = await server.call(
						init?.method === 'POST' ? 'POST' : 'GET',
						typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
						{
							cookie: session(),
							...(body ? { body } : {})
						}
					);
					return new Response(response.body, { status: response.statusCode });
				}
			},
			pageSize
		);
		syncs.push(sync);
		return sync;
	}

	it('drops a copy read before the site was erased, and reads the site again from the start', async () => {
		expect(await elsewhere({ type: 'user.create', values: values('gone1') })).toBe(200);
		const defaults = { ...DEFAULT_APP_SETTINGS, maxImageMb: 3 };
		expect(await elsewhere({ type: 'setting.put', key: APP_SETTINGS_KEY, value: defaults })).toBe(
			200
		);
		await db.settings.put({ key: 'theme', value: 'dark', updatedAt: 1 });
		await replica().start();
		expect(await db.users.count()).toBe(1);
		expect((await db.settings.get(APP_SETTINGS_KEY))?.value).toEqual(defaults);

		const erased = await server.call('POST', '/api/erase', { cookie, body: { confirm: 'ERASE' } });
		expect(erased.statusCode).toBe(200);
		expect(await elsewhere({ type: 'user.create', values: values('new1') })).toBe(200);
		await replica().start();
		expect((await db.users.toArray()).map((user) => user.id)).toEqual(['new1']);
		// The site's settings went with it; this browser's theme is its own.
		expect((await db.settings.toArray()).map((setting) => setting.key)).toEqual(['theme']);
		expect(await readReplicaMeta(db)).toMatchObject({ epoch: 1, firstSyncDone: true });
	});

	it('pulls the site in pages, and a new start resumes from the stored cursor', async () => {
		for (const id of ['a1', 'a2', 'a3']) {
			expect(await elsewhere({ type: 'user.create', values: values(id) })).toBe(200);
		}
		const seen: number[] = [];
		const first = replica(2);
		first.subscribe((progress) => seen.push(progress.cursor));
		await first.start();
		expect((await db.users.toArray()).map((user) => [user.id, user.version])).toEqual([
			['a1', 1],
			['a2', 2],
			['a3', 3]
		]);
		expect(seen).toContain(2);
		expect(await readReplicaMeta(db)).toMatchObject({ cursor: 3, head: 3, firstSyncDone: true });

		expect(await elsewhere({ type: 'user.delete', userId: 'a2' })).toBe(200);
		await replica(2).start();
		expect((await db.users.toArray()).map((user) => user.id)).toEqual(['a1', 'a3']);
		expect((await readReplicaMeta(db))?.cursor).toBe(4);
	});

	it('keeps a record written here after the one the feed brings, and takes the same write back with its version', async () => {
		const imported = { id: 'u1' as UserId, name: 'Ana', userType: 'Employee' as const };
		await db.users.put({ ...imported, name: 'Ana Issued', createdAt: 1, updatedAt: 20 });
		const page = (version: number, updatedAt: number, name: string) => ({
			changes: [
				{
					version,
					entity: 'user',
					key: 'u1',
					record: { ...imported, name, createdAt: 1, updatedAt, version }
				}
			],
			cursor: version,
			version,
			more: false
		});
		await applyFeedPage(db, page(1, 10, 'Ana'));
		expect((await db.users.get('u1' as UserId))?.name).toBe('Ana Issued');
		await applyFeedPage(db, page(2, 20, 'Ana Issued'));
		expect(await db.users.get('u1' as UserId)).toMatchObject({ name: 'Ana Issued', version: 2 });
	});

	it('skips an entity it does not know, and still moves the cursor past it', async () => {
		await applyFeedPage(db, {
			changes: [
				{ version: 1, entity: 'lease', key: 'x', record: { holder: 'someone' } },
				{
					version: 2,
					entity: 'user',
					key: 'u1',
					record: {
						id: 'u1',
						name: 'U',
						userType: 'Employee',
						createdAt: 1,
						updatedAt: 1,
						version: 2
					}
				}
			],
			cursor: 2,
			version: 2,
			more: false
		});
		expect(await db.users.count()).toBe(1);
		expect((await readReplicaMeta(db))?.cursor).toBe(2);
	});

	it('leaves a browser-only site alone', async () => {
		await db.users.put({
			id: 'old' as UserId,
			name: 'Old',
			userType: 'Employee',
			createdAt: 1,
			updatedAt: 1
		});
		const sync = replica();
		await sync.start();
		expect(sync.progress.state).toBe('browser-only');
		expect(await isBrowserOnlySite(db)).toBe(true);
		expect(await readReplicaMeta(db)).toBeUndefined();
	});

	it('answers a mutation with the server’s answer, and undoes a refused one', async () => {
		const sync = replica();
		await sync.start();
		const created = await sync.mutate({
			id: randomUUID(),
			type: 'user.create',
			values: values('b1', { email: 'b@x.org' })
		});
		expect(created).toMatchObject({ status: 'applied', user: { id: 'b1', version: 1 } });
		expect(await db.users.get('b1' as UserId)).toMatchObject({ version: 1 });

		const refused = await sync.mutate({
			id: randomUUID(),
			type: 'user.create',
			values: values('b2', { email: 'b@x.org' })
		});
		expect(refused).toMatchObject({ status: 'refused', error: { code: 'DUPLICATE_EMAIL' } });
		expect(await db.users.get('b2' as UserId)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
	});

	it('keeps a write made offline in the outbox, shown at once, and sends it when the connection returns', async () => {
		const sync = replica();
		await sync.start();
		online = false;
		const id = randomUUID();
		expect(await sync.mutate({ id, type: 'user.create', values: values('c1') })).toEqual({
			status: 'queued'
		});
		expect(await db.users.get('c1' as UserId)).toMatchObject({ name: 'Person c1' });
		expect(sync.progress.waiting).toBe(1);
		expect(sync.progress.state).toBe('offline');

		online = true;
		sync.reconnected();
		await sync.pull();
		await sync.flush();
		expect(sync.progress.waiting).toBe(0);
		expect(await db.users.get('c1' as UserId)).toMatchObject({ version: 1 });
		// Sent once: the retry of the same id would find the first answer.
		const feed = await server.call('GET', '/api/changes?since=0', { cookie });
		expect(feed.json<{ changes: unknown[] }>().changes).toHaveLength(1);
	});

	it('undoes a queued edit the server refuses, unless the feed brought newer, and keeps the refusal', async () => {
		expect(await elsewhere({ type: 'user.create', values: values('d1') })).toBe(200);
		const sync = replica();
		await sync.start();
		online = false;
		const id = randomUUID();
		await sync.mutate({
			id,
			type: 'user.update',
			userId: 'd1',
			baseVersion: 1,
			values: values('d1', { name: 'Mine' })
		});
		expect((await db.users.get('d1' as UserId))?.name).toBe('Mine');
		expect(
			await elsewhere({
				type: 'user.update',
				userId: 'd1',
				baseVersion: 1,
				values: values('d1', { name: 'Theirs' })
			})
		).toBe(200);

		online = true;
		await sync.flush();
		const kept = await db.outbox.get(id);
		expect(kept?.refusal).toMatchObject({ code: 'CHANGED_MEANWHILE' });
		expect(kept?.mutation).toMatchObject({ values: { name: 'Mine' } });
		expect(sync.progress).toMatchObject({ waiting: 0, refused: 1 });
		await sync.pull();
		expect((await db.users.get('d1' as UserId))?.name).toBe('Theirs');
	});

	it('stops sending when the session has ended, and keeps the outbox', async () => {
		const sync = replica(undefined, () => 'roster_session=ended');
		await sync.start();
		expect(sync.progress.state).toBe('signed-out');
		expect(
			await sync.mutate({ id: randomUUID(), type: 'user.create', values: values('e1') })
		).toEqual({ status: 'queued' });
		expect(await db.outbox.count()).toBe(1);
	});

	const photo = (userId: string, text: string): ImagePut => ({
		type: 'image.put',
		userId,
		contentType: 'image/webp',
		image: Buffer.from(`photo ${text}`).toString('base64'),
		thumbnail: Buffer.from(`thumb ${text}`).toString('base64'),
		width: 512,
		height: 384
	});

	/** The site worker fetches photos itself, from its own origin: here, from the test's server. */
	function photosFromServer(): string[] {
		const asked: string[] = [];
		vi.stubGlobal('fetch', async (url: string) => {
			asked.push(url);
			const response = await server.call('GET', url, { cookie });
			return new Response(new Uint8Array(response.rawPayload), { status: response.statusCode });
		});
		return asked;
	}

	it('shows a photo sent from here at once, and keeps the server’s version so the feed need not fetch it', async () => {
		expect(await elsewhere({ type: 'user.create', values: values('p1') })).toBe(200);
		const sync = replica();
		await sync.start();
		const asked = photosFromServer();

		const answer = await sync.mutate({ id: randomUUID(), ...photo('p1', 'mine') });
		expect(answer).toMatchObject({ status: 'applied', user: { hasImage: true } });
		await sync.pull();
		const stored = await db.images.get('p1' as UserId);
		expect(await stored?.image.text()).toBe('photo mine');
		expect(stored?.image.type).toBe('image/webp');
		expect(stored?.version).toBe(answer.status === 'applied' ? answer.image?.version : -1);
		expect((await db.users.get('p1' as UserId))?.hasImage).toBe(true);
		expect(asked).toEqual([]);
	});

	it('brings another admin’s photo and setting, and their removal of the photo', async () => {
		expect(await elsewhere({ type: 'user.create', values: values('p2') })).toBe(200);
		const sync = replica();
		await sync.start();
		const asked = photosFromServer();

		const profile = {
			mapping: { name: 0 },
			settings: { overwrite: 'keep', dateFormat: 'YYYY-MM-DD', headerRow: 1 },
			delimiter: ';',
			encoding: 'utf-8'
		};
		expect(await elsewhere(photo('p2', 'theirs'))).toBe(200);
		expect(await elsewhere({ type: 'setting.put', key: 'mapping:h1-00aa', value: profile })).toBe(
			200
		);
		await sync.pull();
		expect(asked.sort()).toEqual(['/api/users/p2/image', '/api/users/p2/thumbnail']);
		expect(await (await db.images.get('p2' as UserId))?.thumbnail.text()).toBe('thumb theirs');
		expect((await db.settings.get('mapping:h1-00aa'))?.value).toEqual(profile);

		expect(await elsewhere({ type: 'image.remove', userId: 'p2' })).toBe(200);
		await sync.pull();
		expect(await db.images.get('p2' as UserId)).toBeUndefined();
		expect(await db.users.get('p2' as UserId)).not.toHaveProperty('hasImage');
	});

	it('puts the earlier photo and setting back when the server refuses the new ones', async () => {
		expect(await elsewhere({ type: 'user.create', values: values('p3') })).toBe(200);
		const sync = replica();
		await sync.start();
		photosFromServer();
		await sync.mutate({ id: randomUUID(), ...photo('p3', 'first') });

		const tooLarge = {
			...photo('p3', 'second'),
			image: Buffer.alloc(1024 * 1024 + 1, 1).toString('base64')
		};
		const answer = await sync.mutate({ id: randomUUID(), ...tooLarge });
		expect(answer).toMatchObject({ status: 'refused', error: { code: 'PAYLOAD_TOO_LARGE' } });
		expect(await (await db.images.get('p3' as UserId))?.image.text()).toBe('photo first');

		const theme = await sync.mutate({
			id: randomUUID(),
			type: 'setting.put',
			key: 'theme',
			value: 'dark'
		});
		expect(theme).toMatchObject({ status: 'refused', error: { code: 'INVALID_INPUT' } });
		expect(await db.settings.get('theme')).toBeUndefined();
	});

	it('deletes a user’s photo with the user, here and from another admin', async () => {
		for (const id of ['p4', 'p5']) {
			expect(await elsewhere({ type: 'user.create', values: values(id) })).toBe(200);
			expect(await elsewhere(photo(id, id))).toBe(200);
		}
		const sync = replica();
		photosFromServer();
		await sync.start();
		expect(await db.images.count()).toBe(2);

		await sync.mutate({ id: randomUUID(), type: 'user.delete', userId: 'p4' });
		expect(await db.images.get('p4' as UserId)).toBeUndefined();
		expect(await elsewhere({ type: 'user.delete', userId: 'p5' })).toBe(200);
		await sync.pull();
		expect(await db.images.count()).toBe(0);
	});
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../src/lib/domain/app-settings';
import { BackupWriter } from '../../src/lib/domain/backup-format';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { wiegandCredential, wiegandKey } from '../../src/lib/domain/wiegand';
import { freshSitePerTest, signedInAdmin } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { ADMIN } from '../testing/people';

const NDJSON = { 'content-type': 'application/x-ndjson' };

interface Feed {
	changes: { version: number; entity: string; key: string; record: object | null }[];
	version: number;
	epoch: number;
}

/** The file's lines without its head, whose `createdAt` is the moment it was made. */
const bodyLines = (file: string) => file.split('\n').slice(1);

const PHOTO = Buffer.from('a resized photo, as the browser makes it');
const THUMBNAIL = Buffer.from('its thumbnail');
const SETTINGS = { ...DEFAULT_APP_SETTINGS, maxImageMb: 3 };

describe.each(TEST_BACKENDS)(
	'backup, restore and erase on $name',
	{ timeout: 30_000 },
	(backend) => {
		const site = freshSitePerTest(backend);

		async function mutate(body: object) {
			const response = await site.server.call('POST', '/api/mutations', {
				cookie: site.owner,
				body: { id: randomUUID(), ...body }
			});
			expect(response.statusCode).toBe(200);
		}
		async function seed() {
			for (const [userId, name, email] of [
				['A1', 'Ana Lima', 'ana@example.com'],
				['B2', 'Ben Cho', ''],
				['C3', 'Cai Wu', 'cai@example.com']
			] as const)
				await mutate({ type: 'user.create', values: { ...emptyUserForm(), userId, name, email } });
			await mutate({
				type: 'card.add',
				userId: 'A1',
				card: {
					number: '00FF',
					type: 'hexadecimal',
					validFrom: '2026-01-01',
					validTo: '2026-12-31'
				}
			});
			await mutate({
				type: 'card.add',
				userId: 'C3',
				card: { number: '77', type: 'decimal', validFrom: '2026-02-01', validTo: '2027-01-31' }
			});
		}
		async function backup(cookie = site.owner): Promise<string> {
			const response = await site.server.call('GET', '/api/backup', { cookie });
			expect(response.statusCode).toBe(200);
			expect(response.headers['content-type']).toContain('application/x-ndjson');
			return response.body;
		}
		const restore = (file: string, cookie = site.owner) =>
			site.server.call('POST', '/api/restore', { cookie, body: file, headers: NDJSON });
		const erase = (cookie = site.owner, confirm = 'ERASE') =>
			site.server.call('POST', '/api/erase', { cookie, body: { confirm } });
		async function feed(since = 0): Promise<Feed> {
			const response = await site.server.call('GET', `/api/changes?since=${since}`, {
				cookie: site.owner
			});
			return response.json<Feed>();
		}
		const adminCookie = () => signedInAdmin(site.server, site.owner, ADMIN);

		it('back up the site, erase it, restore the file: the same site, fed to every replica', async () => {
			await seed();
			const file = await backup();
			const lines = file.trim().split('\n');
			expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'roster-backup' });
			expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
				end: true,
				counts: { users: 3, cards: 2 }
			});

			expect((await erase()).json()).toEqual({ version: 6, epoch: 1 });
			expect(await feed()).toMatchObject({ changes: [], epoch: 1 });

			const restored = await restore(file);
			expect(restored.statusCode).toBe(200);
			expect(restored.json()).toEqual({ restored: { users: 3, cards: 2 }, left: {}, version: 11 });
			expect(bodyLines(await backup())).toEqual(bodyLines(file));
			const after = await feed(6);
			expect(after.changes.map((c) => [c.version, c.entity, c.key])).toEqual([
				[7, 'user', 'A1'],
				[8, 'user', 'B2'],
				[9, 'user', 'C3'],
				[10, 'card', '255'],
				[11, 'card', '77']
			]);
		});

		async function photoOf(userId: string, size: 'image' | 'thumbnail' = 'image') {
			return site.server.call('GET', `/api/users/${userId}/${size}`, { cookie: site.owner });
		}
		const tables = async () => ({
			images: await site.server.db.query('SELECT user_id FROM images'),
			settings: await site.server.db.query('SELECT key FROM site_settings')
		});

		it('back up a photo and a setting, erase them for every replica, restore them fed as written', async () => {
			await seed();
			await mutate({ type: 'setting.put', key: 'app-settings', value: SETTINGS });
			await mutate({
				type: 'image.put',
				userId: 'A1',
				contentType: 'image/jpeg',
				image: PHOTO.toString('base64'),
				thumbnail: THUMBNAIL.toString('base64'),
				width: 512,
				height: 384
			});
			const file = await backup();
			expect(JSON.parse(file.trim().split('\n').at(-1) ?? '')).toMatchObject({
				counts: { settings: 1, users: 3, cards: 2, images: 1 }
			});

			expect((await erase()).json()).toEqual({ version: 9, epoch: 1 });
			expect(await feed()).toMatchObject({ changes: [], epoch: 1 });
			expect(await tables()).toEqual({ images: [], settings: [] });
			expect((await photoOf('A1')).statusCode).toBe(404);

			const restored = await restore(file);
			expect(restored.json()).toEqual({
				restored: { settings: 1, users: 3, cards: 2, images: 1 },
				left: {},
				version: 17
			});
			expect(bodyLines(await backup())).toEqual(bodyLines(file));
			expect((await photoOf('A1')).rawPayload.equals(PHOTO)).toBe(true);
			expect((await photoOf('A1', 'thumbnail')).rawPayload.equals(THUMBNAIL)).toBe(true);
			const changes = (await feed(9)).changes;
			expect(changes.map((c) => [c.version, c.entity, c.key])).toEqual([
				[10, 'setting', 'app-settings'],
				[11, 'user', 'A1'],
				[12, 'user', 'B2'],
				[13, 'user', 'C3'],
				[14, 'card', '255'],
				[15, 'card', '77'],
				[16, 'image', 'A1'],
				[17, 'user', 'A1']
			]);
			expect(changes[0]?.record).toMatchObject({
				key: 'app-settings',
				value: SETTINGS,
				version: 10
			});
			expect(changes[6]?.record).toEqual({
				userId: 'A1',
				width: 512,
				height: 384,
				version: 16,
				updatedAt: expect.any(Number) as number
			});
			expect(changes[7]?.record).toMatchObject({ id: 'A1', hasImage: true, version: 17 });
		});

		it('restore into a site whose admin saved settings: they do not block it, the file’s replace them', async () => {
			const mapping = 'mapping:h2-00ab12cd34ef5678';
			const profile = {
				mapping: { name: 0 },
				settings: { overwrite: 'keep', dateFormat: 'YYYY-MM-DD', headerRow: 1 },
				delimiter: ',',
				encoding: 'utf-8'
			};
			await mutate({ type: 'setting.put', key: mapping, value: profile });
			const contents = await site.server.call('GET', '/api/site/contents', { cookie: site.owner });
			expect(contents.json()).toEqual({ users: 0, cards: 0, owner: true });
			const writer = new BackupWriter(2, 1);
			await writer.add('settings', { key: 'app-settings', value: SETTINGS, updatedAt: 4 });
			const answer = await restore(await writer.finish().text());
			expect(answer.json()).toEqual({ restored: { settings: 1 }, left: {}, version: 3 });
			expect((await feed(1)).changes).toEqual([
				{ version: 2, entity: 'setting', key: mapping, record: null },
				{
					version: 3,
					entity: 'setting',
					key: 'app-settings',
					record: { key: 'app-settings', value: SETTINGS, updatedAt: 4, version: 3 }
				}
			]);
			expect((await tables()).settings).toEqual([{ key: 'app-settings' }]);
		});

		it('restore a browser-only backup’s photos and site settings, leaving its theme', async () => {
			const user = (id: string) => ({
				id,
				name: `Person ${id}`,
				userType: 'Employee',
				hasImage: true,
				createdAt: 1,
				updatedAt: 2
			});
			const browserFile = async (type: string) => {
				const writer = new BackupWriter(2, 1);
				await writer.add('settings', { key: 'app-settings', value: SETTINGS, updatedAt: 1 });
				await writer.add('settings', { key: 'theme', value: 'dark', updatedAt: 1 });
				await writer.add('users', user('U1'));
				// Says it has a photo, but the file holds none: the site must not show one.
				await writer.add('users', user('U2'));
				await writer.add('images', {
					userId: 'U1',
					image: new Blob([PHOTO], { type }),
					thumbnail: new Blob([THUMBNAIL], { type }),
					width: 300,
					height: 400,
					updatedAt: 3,
					version: 41
				});
				return writer.finish().text();
			};
			const gif = await restore(await browserFile('image/gif'));
			expect(gif.statusCode).toBe(400);
			expect(gif.json<{ message: string }>().message).toContain(
				'"image/gif" is not JPEG, PNG or WebP'
			);
			expect((await feed()).version).toBe(0);

			const answer = await restore(await browserFile('image/jpeg'));
			expect(answer.json()).toMatchObject({
				restored: { settings: 1, users: 2, images: 1 },
				left: { settings: 1 }
			});
			expect((await photoOf('U1')).rawPayload.equals(PHOTO)).toBe(true);
			expect((await photoOf('U1')).headers['content-type']).toBe('image/jpeg');
			const again = (await backup())
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as unknown);
			expect(again).toContainEqual({ table: 'users', record: user('U1') });
			const { hasImage: _none, ...withoutPhoto } = user('U2');
			expect(again).toContainEqual({ table: 'users', record: withoutPhoto });
			expect(again).toContainEqual({
				table: 'images',
				record: {
					userId: 'U1',
					image: { $blob: 0, type: 'image/jpeg', size: PHOTO.byteLength },
					thumbnail: { $blob: 1, type: 'image/jpeg', size: THUMBNAIL.byteLength },
					width: 300,
					height: 400,
					updatedAt: 3
				}
			});
			expect(again.filter((line) => (line as { table?: string }).table === 'settings')).toEqual([
				{ table: 'settings', record: { key: 'app-settings', value: SETTINGS, updatedAt: 1 } }
			]);
		});

		it('page through a site larger than a page, in key order', async () => {
			const writer = new BackupWriter(2, 1);
			for (let i = 0; i < 2_345; i += 1)
				await writer.add('users', {
					id: `U${String(i).padStart(6, '0')}`,
					name: `Person ${i}`,
					userType: 'Employee',
					createdAt: 1,
					updatedAt: 1
				});
			const file = await writer.finish().text();
			expect((await restore(file)).json()).toMatchObject({ restored: { users: 2_345 } });
			expect(bodyLines(await backup())).toEqual(bodyLines(file));
		});

		it('restore a browser’s backup, leaving out what the site does not keep, and say so', async () => {
			const credential = wiegandCredential('h10301', { facilityCode: 17, cardNumber: 1037 });
			if (!credential.ok) throw new Error(credential.errors.join());
			const wiegandCard = {
				number: wiegandKey(credential.value),
				userId: 'U1',
				status: 'issued',
				validFrom: '2026-01-01',
				validTo: '2026-12-31',
				wiegand: credential.value,
				issuedAt: 7,
				createdAt: 5,
				updatedAt: 7
			};
			const writer = new BackupWriter(2, 1);
			await writer.add('settings', { key: 'theme-free', value: 1, updatedAt: 1 });
			await writer.add('users', {
				id: 'U1',
				name: 'Dee',
				userType: 'Visitor',
				lastImportId: 'imp-1',
				createdAt: 5,
				updatedAt: 6
			});
			await writer.add('cards', wiegandCard);
			const answer = await restore(await writer.finish().text());
			expect(answer.json()).toMatchObject({
				restored: { users: 1, cards: 1 },
				left: { settings: 1 }
			});
			const again = (await backup())
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as unknown);
			expect(again).toContainEqual({ table: 'cards', record: wiegandCard });
			// The import it came from stays in the browser that ran it.
			expect(again).toContainEqual({
				table: 'users',
				record: { id: 'U1', name: 'Dee', userType: 'Visitor', createdAt: 5, updatedAt: 6 }
			});
		});

		it('refuse to restore into a site that holds data, telling the owner to erase first', async () => {
			await seed();
			const file = await backup();
			const refused = await restore(file);
			expect(refused.statusCode).toBe(409);
			expect(refused.json()).toMatchObject({ code: 'SITE_NOT_EMPTY' });
			expect(refused.json<{ message: string }>().message).toContain('erase the site first');
			const contents = await site.server.call('GET', '/api/site/contents', { cookie: site.owner });
			expect(contents.json()).toEqual({ users: 3, cards: 2, owner: true });
			expect((await feed()).version).toBe(5);
		});

		it('refuse a cut, a damaged or a rule-breaking file, and change nothing', async () => {
			await seed();
			const file = await backup();
			await erase();
			const before = await feed();
			const cut = file.slice(0, file.lastIndexOf('{"end"'));
			const damaged = file.replace('"counts":{', '"counts":{"users":9,').replace('"users":3,', '');
			const duplicate = file.replace('"email":"cai@example.com"', '"email":"ana@example.com"');
			for (const [bad, says] of [
				[cut, 'incomplete'],
				[file.slice(0, file.length - 20), 'incomplete'],
				[damaged, 'damaged'],
				[duplicate, 'Email "ana@example.com" also belongs to user A1'],
				['not a backup', 'not a Roster backup']
			] as const) {
				const refused = await restore(bad);
				expect(refused.statusCode).toBe(400);
				expect(refused.json<{ message: string }>().message).toContain(says);
			}
			expect(await feed()).toEqual(before);
		});

		it('let any admin back up, only the owner restore and erase, nobody without a session', async () => {
			await seed();
			const admin = await adminCookie();
			const file = await backup(admin);
			expect((await erase(admin)).statusCode).toBe(403);
			expect((await restore(file, admin)).statusCode).toBe(403);
			for (const call of [
				site.server.call('GET', '/api/backup'),
				site.server.call('POST', '/api/restore', { body: file, headers: NDJSON }),
				site.server.call('POST', '/api/erase', { body: { confirm: 'ERASE' } })
			])
				expect((await call).statusCode).toBe(401);
			expect((await erase(site.owner, 'erase')).statusCode).toBe(400);
			expect((await feed()).version).toBe(5);
		});

		it('refuse a restore sent as JSON', async () => {
			const response = await site.server.call('POST', '/api/restore', {
				cookie: site.owner,
				body: {}
			});
			expect(response.statusCode).toBe(415);
		});
	}
);

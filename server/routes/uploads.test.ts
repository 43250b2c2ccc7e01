import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../src/lib/domain/app-settings';
import { UPLOAD_PART_BYTES } from '../../src/lib/domain/uploads';
import type { Admin } from '../auth/admins';
import { createUpload, deleteUpload, readUpload } from '../site/uploads';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';

const OCTETS = { 'content-type': 'application/octet-stream' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MiB = UPLOAD_PART_BYTES;

interface Status {
	id: string;
	name: string;
	size: number;
	received: number;
	completed: boolean;
}
interface Refusal {
	code: string;
	message: string;
	detail?: { received?: number };
}

describe.each(TEST_BACKENDS)('uploads on $name', { timeout: 30_000 }, (backend) => {
	const site = freshSitePerTest(backend);

	const create = (body: unknown, cookie: string = site.owner) =>
		site.server.call('POST', '/api/uploads', { cookie, body });
	const put = (id: string, offset: number, bytes: Uint8Array, cookie: string = site.owner) =>
		site.server.call('PUT', `/api/uploads/${id}?offset=${offset}`, {
			cookie,
			body: Buffer.from(bytes),
			headers: OCTETS
		});
	const status = (id: string, cookie: string = site.owner) =>
		site.server.call('GET', `/api/uploads/${id}`, { cookie });
	async function started(file: Uint8Array, sha = sha256(file)): Promise<string> {
		const response = await create({ name: 'staff.csv', size: file.byteLength, sha256: sha });
		expect(response.statusCode).toBe(201);
		const body = response.json<{ id: string; received: number }>();
		expect(body.received).toBe(0);
		return body.id;
	}
	async function siteId(): Promise<string> {
		const rows = await site.server.db.query<{ id: string }>('SELECT id FROM sites');
		return rows[0]?.id ?? '';
	}
	async function partRows(id: string): Promise<number> {
		const rows = await site.server.db.query<{ n: number | string }>(
			'SELECT count(*) AS n FROM upload_parts WHERE upload_id = $1',
			[id]
		);
		return Number(rows[0]?.n);
	}

	it('take a file in parts, check its SHA-256 at the last byte, and give it to the import whole', async () => {
		const file = randomBytes(2 * MiB + 1000);
		const id = await started(file);
		expect((await status(id)).json<Status>()).toEqual({
			id,
			name: 'staff.csv',
			size: file.byteLength,
			received: 0,
			completed: false
		});
		for (const offset of [0, MiB, 2 * MiB]) {
			const response = await put(id, offset, file.subarray(offset, offset + MiB));
			expect(response.statusCode).toBe(200);
			expect(response.json<Status>()).toMatchObject({
				received: Math.min(offset + MiB, file.byteLength),
				completed: offset === 2 * MiB
			});
		}
		expect((await status(id)).json<Status>()).toMatchObject({
			received: file.byteLength,
			completed: true
		});
		const spooled = await readUpload(site.server.db, await siteId(), id);
		expect(Buffer.from(await (spooled?.file ?? new Blob()).arrayBuffer()).equals(file)).toBe(true);
		// Read from a file of its own, which goes once the import is done with it.
		await spooled?.release();
		await expect(spooled?.file.arrayBuffer()).rejects.toThrow();

		expect(await deleteUpload(site.server.db, await siteId(), id)).toBe(true);
		expect((await status(id)).statusCode).toBe(404);
		expect(await partRows(id)).toBe(0);
	});

	it('refuse a part at the wrong offset with how much arrived, and go on from there', async () => {
		const file = randomBytes(MiB + 10);
		const id = await started(file);
		expect((await put(id, 0, file.subarray(0, MiB))).statusCode).toBe(200);
		// The answer to the first part was lost, and it is sent again: nothing is stored twice.
		const again = await put(id, 0, file.subarray(0, MiB));
		expect(again.statusCode).toBe(409);
		expect(again.json<Refusal>()).toMatchObject({
			code: 'UPLOAD_OFFSET',
			detail: { received: MiB }
		});
		const ahead = await put(id, MiB + 5, file.subarray(MiB + 5));
		expect(ahead.json<Refusal>()).toMatchObject({
			code: 'UPLOAD_OFFSET',
			detail: { received: MiB }
		});
		expect(await partRows(id)).toBe(1);

		const { received } = (await status(id)).json<Status>();
		const last = await put(id, received, file.subarray(received));
		expect(last.json<Status>()).toMatchObject({ received: file.byteLength, completed: true });
		// A completed upload takes nothing more.
		const after = await put(id, file.byteLength, Buffer.from('x'));
		expect(after.json<Refusal>()).toMatchObject({
			code: 'UPLOAD_OFFSET',
			detail: { received: file.byteLength }
		});
		const spooled = await readUpload(site.server.db, await siteId(), id);
		expect(spooled?.file.size).toBe(file.byteLength);
		await spooled?.release();
	});

	it('answer 422 when the file is not the one started with, and start it again from byte 0', async () => {
		const file = randomBytes(MiB + 10);
		const id = await started(file, sha256(Buffer.from('another file')));
		expect((await put(id, 0, file.subarray(0, MiB))).statusCode).toBe(200);
		const last = await put(id, MiB, file.subarray(MiB));
		expect(last.statusCode).toBe(422);
		expect(last.json<Refusal>()).toMatchObject({
			code: 'CHECKSUM_MISMATCH',
			detail: { received: 0 }
		});
		expect((await status(id)).json<Status>()).toMatchObject({ received: 0, completed: false });
		expect(await partRows(id)).toBe(0);
		expect(await readUpload(site.server.db, await siteId(), id)).toBeUndefined();
		// It takes the file again from the start.
		expect((await put(id, 0, file.subarray(0, MiB))).statusCode).toBe(200);
	});

	it('refuse a file over the site’s Maximum CSV size before any of it is sent, saying the limit', async () => {
		const size = DEFAULT_APP_SETTINGS.maxCsvMb * MiB + 1;
		const refused = await create({ name: 'big.csv', size, sha256: 'a'.repeat(64) });
		expect(refused.statusCode).toBe(413);
		const body = refused.json<Refusal>();
		expect(body.code).toBe('FILE_TOO_LARGE');
		expect(body.message).toMatch(/over the 5 MB limit/);
		expect(body.message).toMatch(/raise Maximum CSV size in Settings/);

		const raised = await site.server.call('POST', '/api/mutations', {
			cookie: site.owner,
			body: {
				id: randomUUID(),
				type: 'setting.put',
				key: 'app-settings',
				value: { ...DEFAULT_APP_SETTINGS, maxCsvMb: 10 }
			}
		});
		expect(raised.statusCode).toBe(200);
		expect((await create({ name: 'big.csv', size, sha256: 'a'.repeat(64) })).statusCode).toBe(201);
	});

	it('refuse a part larger than 1 MiB, past the declared size, empty, or at a bad offset', async () => {
		const file = randomBytes(MiB + 10);
		const id = await started(file);
		// Refused by the body limit before the route, by its Content-Length or as the bytes stream
		// in without one, yet in the upload's words.
		const streamed = await site.server.call('PUT', `/api/uploads/${id}?offset=0`, {
			cookie: site.owner,
			body: Readable.from([randomBytes(MiB), randomBytes(1)]),
			headers: OCTETS
		});
		for (const tooLarge of [await put(id, 0, randomBytes(MiB + 1)), streamed]) {
			expect(tooLarge.statusCode).toBe(413);
			expect(tooLarge.json<Refusal>()).toEqual({
				code: 'PAYLOAD_TOO_LARGE',
				message: `A part of an upload may hold at most ${MiB} bytes (1 MiB): send the file in parts no larger than that`
			});
		}
		expect((await put(id, 0, file.subarray(0, MiB))).statusCode).toBe(200);
		const past = await put(id, MiB, randomBytes(11));
		expect(past.statusCode).toBe(400);
		expect(past.json<Refusal>()).toMatchObject({ code: 'INVALID_INPUT' });
		expect(past.json<Refusal>().message).toMatch(/past the 1048586 bytes/);
		const empty = await put(id, MiB, new Uint8Array(0));
		expect(empty.statusCode).toBe(400);
		for (const offset of ['-1', 'abc', '1e3', ''])
			expect(
				(
					await site.server.call('PUT', `/api/uploads/${id}?offset=${offset}`, {
						cookie: site.owner,
						body: Buffer.from('x'),
						headers: OCTETS
					})
				).statusCode
			).toBe(400);
		expect((await status(id)).json<Status>().received).toBe(MiB);
	});

	it('refuse a part of another content type with 415', async () => {
		const id = await started(Buffer.from('a,b\n'));
		for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x']) {
			const response = await site.server.call('PUT', `/api/uploads/${id}?offset=0`, {
				cookie: site.owner,
				body: type === 'application/json' ? '"a,b\\n"' : 'a,b\n',
				headers: { 'content-type': type }
			});
			expect(response.statusCode).toBe(415);
			expect(response.json<Refusal>()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
			expect(response.json<Refusal>().message).toMatch(/application\/octet-stream/);
		}
		expect((await status(id)).json<Status>().received).toBe(0);
	});

	it('refuse an unreadable or invalid request to start with 400, naming what is wrong', async () => {
		const unreadable = await site.server.call('POST', '/api/uploads', {
			cookie: site.owner,
			body: '{"name": "staff.csv",',
			headers: { 'content-type': 'application/json' }
		});
		expect(unreadable.statusCode).toBe(400);
		expect(unreadable.json<Refusal>().code).toBe('BAD_REQUEST');

		const invalid = await create({ name: ' ', size: -1, sha256: 'nope' });
		expect(invalid.statusCode).toBe(400);
		const body = invalid.json<Refusal>();
		expect(body.code).toBe('INVALID_INPUT');
		expect(body.message).toMatch(/needs a name/);
		expect(body.message).toMatch(/whole number of bytes/);
		expect(body.message).toMatch(/SHA-256/);
		for (const wrong of [
			'[]',
			'"staff.csv"',
			'{"name":"a.csv","size":"10","sha256":"' + 'a'.repeat(64) + '"}'
		]) {
			const refused = await site.server.call('POST', '/api/uploads', {
				cookie: site.owner,
				body: wrong,
				headers: { 'content-type': 'application/json' }
			});
			expect(refused.statusCode).toBe(400);
			expect(refused.json<Refusal>().code).toBe('INVALID_INPUT');
		}
	});

	it('answer 401 to a stranger and 403 to a write from another origin', async () => {
		const id = await started(Buffer.from('a,b\n'));
		expect((await create({ name: 'a.csv', size: 1, sha256: 'a'.repeat(64) }, '')).statusCode).toBe(
			401
		);
		expect((await status(id, '')).statusCode).toBe(401);
		expect((await put(id, 0, Buffer.from('a,b\n'), '')).statusCode).toBe(401);
		const foreign = await site.server.app.inject({
			method: 'PUT',
			url: `/api/uploads/${id}?offset=0`,
			headers: { origin: 'https://evil.example', cookie: site.owner, ...OCTETS },
			payload: Buffer.from('a,b\n')
		});
		expect(foreign.statusCode).toBe(403);
		expect((await status(id)).json<Status>().received).toBe(0);
	});

	it('answer 404 for an unknown upload and for another site’s', async () => {
		expect((await status('no-such-upload')).json<Refusal>().code).toBe('NOT_FOUND');
		expect((await put('no-such-upload', 0, Buffer.from('x'))).statusCode).toBe(404);

		const db = site.server.db;
		const other: Admin = {
			id: randomUUID(),
			siteId: randomUUID(),
			email: 'x@example.com',
			name: 'X',
			role: 'owner',
			disabled: false
		};
		await db.query("INSERT INTO sites (id, name) VALUES ($1, 'Other site')", [other.siteId]);
		await db.query(
			`INSERT INTO admins (id, site_id, email, name, password_hash, role)
			 VALUES ($1, $2, $3, $4, 'x', 'owner')`,
			[other.id, other.siteId, other.email, other.name]
		);
		const file = Buffer.from('a,b\n');
		const theirs = await createUpload(db, other, {
			name: 'theirs.csv',
			size: file.byteLength,
			sha256: sha256(file)
		});
		const seen = await status(theirs.id);
		expect(seen.statusCode).toBe(404);
		expect(seen.json<Refusal>().code).toBe('NOT_FOUND');
		expect((await put(theirs.id, 0, file)).statusCode).toBe(404);
		expect(await readUpload(db, await siteId(), theirs.id)).toBeUndefined();
		expect(await deleteUpload(db, await siteId(), theirs.id)).toBe(false);
	});

	it('delete unfinished uploads older than a day at the next start, and keep completed ones', async () => {
		const file = Buffer.from('a,b\n');
		const unfinished = await started(file);
		const completed = await started(file);
		expect((await put(completed, 0, file)).json<Status>().completed).toBe(true);
		await site.server.db.query("UPDATE uploads SET created_at = now() - interval '25 hours'");
		const fresh = await started(file);
		expect((await status(unfinished)).statusCode).toBe(404);
		expect((await status(completed)).statusCode).toBe(200);
		expect((await status(fresh)).statusCode).toBe(200);
	});

	it('go with the site’s data when the site is erased', async () => {
		const file = Buffer.from('a,b\n');
		const id = await started(file);
		expect((await put(id, 0, file)).statusCode).toBe(200);
		const erased = await site.server.call('POST', '/api/erase', {
			cookie: site.owner,
			body: { confirm: 'ERASE' }
		});
		expect(erased.statusCode).toBe(200);
		expect((await status(id)).statusCode).toBe(404);
		expect(await partRows(id)).toBe(0);
	});
});

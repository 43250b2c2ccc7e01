/**
 * The browser's upload of a file against the real server app (in process, through inject), with
 * a network that can lose a part on its way or the answer after the part was stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieOf, startTestServer, type TestServer } from '../../../server/testing/app';
import { pgliteBackend } from '../../../server/testing/databases';
import { OWNER } from '../../../server/testing/people';
import { readUpload } from '../../../server/site/uploads';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { UPLOAD_PART_BYTES } from '$lib/domain/uploads';
import { uploadFile } from '$lib/sync/upload-file';

const MiB = UPLOAD_PART_BYTES;

/** What the network does to the next request that matches: lose it, or lose its answer. */
type Fault = { when: (method: string, url: string) => boolean; lose: 'request' | 'answer' };

describe('uploading a file to the site server', { timeout: 30_000 }, () => {
	let server: TestServer;
	let cookie: string;
	let faults: Fault[];
	let requests: string[];
	let online: boolean;

	beforeAll(() => pgliteBackend.warmUp(), 60_000);
	beforeEach(async () => {
		server = await startTestServer(pgliteBackend);
		cookie = sessionCookieOf(await server.call('POST', '/api/setup', { body: OWNER }));
		faults = [];
		requests = [];
		online = true;
	});
	afterEach(() => server.close());

	/** `fetch` into the test server, through the faults queued. */
	const fetcher: typeof fetch = async (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		const method = init?.method ?? 'GET';
		requests.push(`${method} ${url}`);
		if (!online) throw new TypeError('Failed to fetch');
		const index = faults.findIndex((fault) => fault.when(method, url));
		const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
		if (fault?.lose === 'request') throw new TypeError('Failed to fetch');
		const body = init?.body;
		const payload =
			body instanceof Blob ? Buffer.from(await body.arrayBuffer()) : (body as string | undefined);
		const headers = Object.fromEntries(new Headers(init?.headers).entries());
		const response = await server.call(method, url, {
			cookie,
			headers,
			...(payload === undefined ? {} : { body: payload })
		});
		if (fault?.lose === 'answer') throw new TypeError('Failed to fetch');
		return new Response(response.statusCode === 204 ? null : response.body, {
			status: response.statusCode,
			headers: { 'content-type': String(response.headers['content-type'] ?? '') }
		});
	};
	const options = { fetcher, retryDelay: () => 0 };
	const isPart = (offset: number) => (method: string, url: string) =>
		method === 'PUT' && url.endsWith(`?offset=${offset}`);

	async function stored(id: string): Promise<Buffer | undefined> {
		const [site] = await server.db.query<{ id: string }>('SELECT id FROM sites');
		const spooled = await readUpload(server.db, site?.id ?? '', id);
		if (!spooled) return undefined;
		const bytes = Buffer.from(await spooled.file.arrayBuffer());
		await spooled.release();
		return bytes;
	}

	it('sends the file in 1 MiB parts after its checksum, reporting how much arrived', async () => {
		const file = randomBytes(2 * MiB + 123);
		const progress: number[] = [];
		const result = await uploadFile(new Blob([file]), 'staff.csv', {
			...options,
			onProgress: (received, size) => {
				expect(size).toBe(file.byteLength);
				progress.push(received);
			}
		});
		if (!result.ok) throw new Error(result.errors[0]?.message);
		expect(progress).toEqual([0, MiB, 2 * MiB, file.byteLength]);
		expect(requests).toEqual([
			'POST /api/uploads',
			`PUT /api/uploads/${result.value.id}?offset=0`,
			`PUT /api/uploads/${result.value.id}?offset=${MiB}`,
			`PUT /api/uploads/${result.value.id}?offset=${2 * MiB}`
		]);
		expect((await stored(result.value.id))?.equals(file)).toBe(true);
		const [row] = await server.db.query<{ sha256: string; name: string }>(
			'SELECT sha256, name FROM uploads'
		);
		expect(row).toEqual({
			name: 'staff.csv',
			sha256: createHash('sha256').update(file).digest('hex')
		});
	});

	/** A loss on the way, and the requests after the first part (`P` a part at an offset, `Q` a question). */
	const resuming: { case: string; faults: Fault[]; after: string[] }[] = [
		{
			case: 'asks how far the upload got when a part is lost on the way, and goes on from there',
			faults: [{ when: isPart(MiB), lose: 'request' }],
			after: [`P${MiB}`, 'Q', `P${MiB}`, `P${2 * MiB}`]
		},
		{
			// The answer to the second part is lost, and so is the first question of how far it got;
			// still believing 1 MiB arrived, the part goes again: the server says 409 and how much it holds.
			case: 'does not send a part twice when only its answer was lost',
			faults: [
				{ when: isPart(MiB), lose: 'answer' },
				{ when: (method) => method === 'GET', lose: 'request' }
			],
			after: [`P${MiB}`, 'Q', `P${MiB}`, 'Q', `P${2 * MiB}`]
		}
	];
	it.each(resuming)('$case', async ({ faults: lost, after }) => {
		const file = randomBytes(2 * MiB + 5);
		faults.push(...lost);
		const result = await uploadFile(new Blob([file]), 'staff.csv', options);
		if (!result.ok) throw new Error(result.errors[0]?.message);
		const id = result.value.id;
		const request = (step: string) =>
			step === 'Q' ? `GET /api/uploads/${id}` : `PUT /api/uploads/${id}?offset=${step.slice(1)}`;
		expect(requests).toEqual(['POST /api/uploads', ...['P0', ...after].map(request)]);
		expect((await stored(id))?.equals(file)).toBe(true);
	});

	it('finishes when the answer to the last part was lost but the server completed it', async () => {
		const file = randomBytes(1000);
		faults.push({ when: isPart(0), lose: 'answer' });
		const result = await uploadFile(new Blob([file]), 'staff.csv', options);
		if (!result.ok) throw new Error(result.errors[0]?.message);
		expect(requests.slice(1)).toEqual([
			`PUT /api/uploads/${result.value.id}?offset=0`,
			`GET /api/uploads/${result.value.id}`
		]);
		expect((await stored(result.value.id))?.equals(file)).toBe(true);
	});

	/** What goes wrong for good, what the upload then says, and how many requests it took. */
	const givingUp: {
		case: string;
		/** The network between the upload and the test server, made afresh for each run. */
		network: () => typeof fetch;
		code: string;
		reason: string;
		requests: number;
	}[] = [
		{
			case: 'the network goes down once the first part has arrived',
			network: () => {
				let calls = 0;
				return (input, init) => {
					calls += 1;
					if (calls > 2) online = false;
					return fetcher(input, init);
				};
			},
			code: 'UNREACHABLE',
			reason: 'The Roster server cannot be reached.',
			// The create, the first part, then every try: a part and a question, three times, and a part.
			requests: 2 + 3 * 2 + 1
		},
		{
			case: 'the server answers OK to every part without its count moving',
			network: () => async (input, init) => {
				if (init?.method !== 'PUT') return fetcher(input, init);
				requests.push(`PUT ${typeof input === 'string' ? input : 'a request'}`);
				// A bound, so that an upload that kept sending fails this test rather than hangs it.
				if (requests.length > 20) return new Response(null, { status: 500 });
				return Response.json({ id: 'x', name: 'staff.csv', received: 0, completed: false });
			},
			code: 'UPLOAD_STALLED',
			reason: 'The server accepted a part but stored none of it.',
			// The create, then the first part four times: no question, the OK said how far it got.
			requests: 1 + 4
		}
	];
	it.each(givingUp)(
		'gives up with a clear error after a few failures in a row: $case',
		async ({ network, code, reason, requests: count }) => {
			const file = randomBytes(MiB + 5);
			const result = await uploadFile(new Blob([file]), 'staff.csv', {
				...options,
				retries: 3,
				fetcher: network()
			});
			expect(result).toEqual({
				ok: false,
				errors: [
					{
						code,
						message: `The file could not be sent: ${reason} It was tried 4 times; check the connection and upload the file again.`
					}
				]
			});
			expect(requests).toHaveLength(count);
		}
	);

	it('passes on the server’s refusal of a file over the site’s limit, sending none of it', async () => {
		const file = new Blob([new Uint8Array(DEFAULT_APP_SETTINGS.maxCsvMb * MiB + 1)]);
		const result = await uploadFile(file, 'big.csv', options);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					code: 'FILE_TOO_LARGE',
					message:
						'The file is just over the 5 MB limit. Split it into smaller files, or raise Maximum CSV size in Settings.'
				}
			]
		});
		expect(requests).toEqual(['POST /api/uploads']);
	});

	it('refuses an empty file before asking the server', async () => {
		const result = await uploadFile(new Blob([]), 'empty.csv', options);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[0]).toMatchObject({ code: 'INVALID_INPUT' });
		expect(result.errors[0]?.message).toMatch(/empty/);
		expect(requests).toEqual([]);
	});

	it('stops with the server’s words when the bytes that arrived are not the file', async () => {
		const file = randomBytes(MiB + 5);
		const result = await uploadFile(new Blob([file]), 'staff.csv', {
			...options,
			fetcher: async (input, init) => {
				// The last part arrives altered.
				if (typeof input === 'string' && input.endsWith(`?offset=${MiB}`))
					return fetcher(input, { ...init, body: new Blob([randomBytes(5)]) });
				return fetcher(input, init);
			}
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[0]?.code).toBe('CHECKSUM_MISMATCH');
		expect(result.errors[0]?.message).toMatch(/Choose the file again/);
		const [row] = await server.db.query<{ received: number | string }>(
			'SELECT received FROM uploads'
		);
		expect(Number(row?.received)).toBe(0);
	});

	it('stops when cancelled, between parts', async () => {
		const file = randomBytes(2 * MiB + 5);
		const controller = new AbortController();
		const result = await uploadFile(new Blob([file]), 'staff.csv', {
			...options,
			onProgress: (received) => {
				if (received === MiB) controller.abort();
			},
			signal: controller.signal
		});
		expect(result).toEqual({
			ok: false,
			errors: [{ code: 'CANCELLED', message: 'The upload was cancelled.' }]
		});
		expect(requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1);
	});

	it('answers the session’s end as the server says it', async () => {
		cookie = '';
		const result = await uploadFile(new Blob([randomUUID()]), 'staff.csv', options);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[0]?.code).toBe('UNAUTHENTICATED');
	});
});

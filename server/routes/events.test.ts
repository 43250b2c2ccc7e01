import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieOf, startTestServer, type TestServer } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { ADMIN, OWNER } from '../testing/people';
import { emptyUserForm } from '../../src/lib/domain/user-form';

const BLANK = emptyUserForm();

/** Reads an event stream until `done` says what has arrived is enough, or the stream ends. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
	// undici types the body's chunks loosely; an event stream's are bytes.
	const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
	if (!reader) throw new Error('no body');
	const decoder = new TextDecoder();
	let text = '';
	for (;;) {
		const { value, done: ended } = await reader.read();
		if (ended) return text;
		text += decoder.decode(value, { stream: true });
		if (done(text)) {
			await reader.cancel();
			return text;
		}
	}
}

describe.each(TEST_BACKENDS)('the event stream on $name', { timeout: 30_000 }, (backend) => {
	let server: TestServer;
	let base: string;
	beforeAll(() => backend.warmUp(), 60_000);
	beforeEach(async () => {
		server = await startTestServer(backend);
		base = await server.app.listen({ port: 0, host: '127.0.0.1' });
	});
	afterEach(() => server.close());

	const send = (path: string, method: string, body: unknown, cookie = '') =>
		fetch(`${base}${path}`, {
			method,
			headers: { 'content-type': 'application/json', origin: base, cookie },
			body: JSON.stringify(body)
		});
	const events = (cookie: string) => fetch(`${base}/api/events`, { headers: { cookie } });
	const cookieOf = (response: Response) =>
		sessionCookieOf({ headers: { 'set-cookie': response.headers.get('set-cookie') } });
	const createUser = (cookie: string) =>
		send(
			'/api/mutations',
			'POST',
			{ id: randomUUID(), type: 'user.create', values: { ...BLANK, name: 'Ana' } },
			cookie
		);

	it('tell a signed-in admin the site’s version, then each new one as it commits', async () => {
		const owner = cookieOf(await send('/api/setup', 'POST', OWNER));
		const stream = await events(owner);
		expect(stream.headers.get('content-type')).toContain('text/event-stream');
		const reading = readUntil(stream, (text) => text.includes('data: 1\n'));
		await createUser(owner);
		const text = await reading;
		expect(text).toMatch(/^retry: \d+\nevent: version\ndata: 0\n\n/);
		expect(text).toContain('event: version\ndata: 1\n');
	});

	it('refuse a stranger, and end a disabled admin’s stream at the next change', async () => {
		expect((await events('')).status).toBe(401);
		const owner = cookieOf(await send('/api/setup', 'POST', OWNER));
		const added = (await (await send('/api/admins', 'POST', ADMIN, owner)).json()) as {
			admin: { id: string };
		};
		const ali = cookieOf(
			await send('/api/session', 'POST', { email: ADMIN.email, password: ADMIN.password })
		);
		const stream = await events(ali);
		expect(stream.status).toBe(200);
		const reading = readUntil(stream, (text) => text.includes('data: 1\n'));
		await send(`/api/admins/${added.admin.id}`, 'PATCH', { disabled: true }, owner);
		await createUser(owner);
		const text = await reading;
		expect(text).toContain('data: 0\n');
		expect(text).not.toContain('data: 1\n');
	});
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf, startTestServer, type TestServer } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';

const [PGLITE] = TEST_BACKENDS;
const META_POLICY = "default-src 'self'; script-src 'self' 'sha256-abc='; frame-ancestors 'none'";

describe('the server serving the built app', { timeout: 30_000 }, () => {
	let dir: string;
	let server: TestServer;
	beforeAll(async () => {
		await PGLITE?.warmUp();
		dir = mkdtempSync(join(tmpdir(), 'roster-build-'));
		mkdirSync(join(dir, '_app/immutable'), { recursive: true });
		writeFileSync(
			join(dir, 'index.html'),
			`<html><head><meta http-equiv="content-security-policy" content="${META_POLICY}"></head><body>Roster</body></html>`
		);
		writeFileSync(join(dir, '_app/immutable/start.abc.js'), 'export {}');
		writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
	}, 60_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	beforeEach(async () => {
		if (!PGLITE) throw new Error('PGlite is always a test backend');
		server = await startTestServer(PGLITE, dir);
	});
	afterEach(() => server.close());

	it('sends the page’s CSP as a header, with frame-ancestors, and the other security headers', async () => {
		const page = await server.call('GET', '/');
		expect(page.statusCode).toBe(200);
		const policy = String(page.headers['content-security-policy']);
		expect(policy).toContain("script-src 'self' 'sha256-abc='");
		expect(policy.match(/frame-ancestors/g)).toHaveLength(1);
		expect(policy).toContain("frame-ancestors 'none'");
		expect(page.headers['x-content-type-options']).toBe('nosniff');
		expect(page.headers['referrer-policy']).toBe('no-referrer');
	});

	it('serves the SPA’s routes as index.html, revalidated; hashed files cached for good', async () => {
		const route = await server.call('GET', '/users/U000001');
		expect(route.statusCode).toBe(200);
		expect(route.body).toContain('Roster');
		expect(route.headers['cache-control']).toBe('no-cache');
		expect((await server.call('GET', '/sw.js')).headers['cache-control']).toBe('no-cache');
		const immutable = await server.call('GET', '/_app/immutable/start.abc.js');
		expect(immutable.headers['cache-control']).toContain('immutable');
	});

	it('never answers an /api path with the page', async () => {
		const stranger = await server.call('GET', '/api/users');
		expect(stranger.statusCode).toBe(401);
		expect(bodyOf(stranger).code).toBe('UNAUTHENTICATED');
		const post = await server.call('POST', '/nowhere', { body: {} });
		expect(post.statusCode).toBe(404);
	});
});

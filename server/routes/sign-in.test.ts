import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { THROTTLE } from '../auth/login-throttle';
import { bodyOf, sessionCookieOf, startTestServer, type TestServer } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { ADMIN, OWNER as SITE_OWNER } from '../testing/people';

// Typed as people do: the stored email is trimmed and lower-cased.
const OWNER = { ...SITE_OWNER, email: 'Olga@Example.com' };

// Every sign-in hashes with scrypt on purpose (about 0.1 s), and the machine may be busy.
describe.each(TEST_BACKENDS)(
	'setup, sign-in and admins on $name',
	{ timeout: 30_000 },
	(backend) => {
		let server: TestServer;
		beforeAll(() => backend.warmUp(), 60_000);
		beforeEach(async () => {
			server = await startTestServer(backend);
		});
		afterEach(() => server.close());

		async function setUp(): Promise<string> {
			const response = await server.call('POST', '/api/setup', { body: OWNER });
			expect(response.statusCode).toBe(201);
			return sessionCookieOf(response);
		}

		async function signIn(email: string, password: string) {
			return server.call('POST', '/api/session', { body: { email, password } });
		}

		it('create the owner once, signed in by an HttpOnly, SameSite=Strict cookie', async () => {
			expect((await server.call('GET', '/api/setup')).json()).toEqual({ setUp: false });
			const response = await server.call('POST', '/api/setup', { body: OWNER });
			expect(response.statusCode).toBe(201);
			expect(bodyOf(response).admin).toMatchObject({
				name: 'Olga Owner',
				email: 'olga@example.com',
				role: 'owner'
			});
			expect(bodyOf(response).admin).not.toHaveProperty('passwordHash');
			const cookie = String(response.headers['set-cookie']);
			expect(cookie).toMatch(/HttpOnly/);
			expect(cookie).toMatch(/SameSite=Strict/);
			expect(cookie).not.toMatch(/Secure/);

			const me = await server.call('GET', '/api/session', { cookie: sessionCookieOf(response) });
			expect(bodyOf(me).admin.email).toBe('olga@example.com');
			expect((await server.call('GET', '/api/setup')).json()).toEqual({ setUp: true });

			const again = await server.call('POST', '/api/setup', { body: { ...ADMIN } });
			expect(again.statusCode).toBe(409);
			expect(bodyOf(again).code).toBe('ALREADY_SET_UP');
		});

		it('refuse bad setup input with every problem at once, and write nothing', async () => {
			const response = await server.call('POST', '/api/setup', {
				body: { name: '', email: 'not-an-email', password: 'short' }
			});
			expect(response.statusCode).toBe(400);
			expect(bodyOf(response).code).toBe('INVALID_INPUT');
			expect(bodyOf(response).message).toMatch(/Name is missing/);
			expect(bodyOf(response).message).toMatch(/not a valid address/);
			expect(bodyOf(response).message).toMatch(/at least 12 characters/);
			expect((await server.call('GET', '/api/setup')).json()).toEqual({ setUp: false });
		});

		it('answer 401 to every guarded route without a session, unknown paths included', async () => {
			await setUp();
			const attempts = [
				server.call('GET', '/api/session'),
				server.call('GET', '/api/admins'),
				server.call('POST', '/api/admins', { body: ADMIN }),
				server.call('PATCH', '/api/admins/00000000-0000-4000-8000-000000000000', {
					body: { disabled: true }
				}),
				server.call('DELETE', '/api/sessions'),
				server.call('GET', '/api/users'),
				server.call('GET', '/api/session', { cookie: 'roster_session=forged' })
			];
			for (const response of await Promise.all(attempts)) {
				expect(response.statusCode).toBe(401);
				expect(bodyOf(response).code).toBe('UNAUTHENTICATED');
				expect(response.headers['cache-control']).toBe('no-store');
			}
		});

		it('give one answer to a wrong password and an unknown email, slower each time', async () => {
			await setUp();
			const wrong = await signIn(OWNER.email, 'wrong password 1');
			const unknown = await signIn('nobody@example.com', 'wrong password 1');
			for (const response of [wrong, unknown]) {
				expect(response.statusCode).toBe(401);
				expect(bodyOf(response).code).toBe('WRONG_CREDENTIALS');
			}
			await signIn(OWNER.email, 'wrong password 2');
			expect(server.delays).toEqual([250, 250, 500]);
			const right = await signIn('  OLGA@example.com ', OWNER.password);
			expect(right.statusCode).toBe(200);
			expect(sessionCookieOf(right)).toMatch(/^roster_session=/);
		});

		it('refuse sign-in for a while after too many failures for one email', async () => {
			await setUp();
			for (let i = 0; i < THROTTLE.perEmail; i++) await signIn(OWNER.email, `wrong password ${i}`);
			const refused = await signIn(OWNER.email, OWNER.password);
			expect(refused.statusCode).toBe(429);
			expect(bodyOf(refused).code).toBe('TOO_MANY_ATTEMPTS');
			expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
			// Another admin's email is not held back by them.
			expect(bodyOf(await signIn('other@example.com', 'whatever password')).code).toBe(
				'WRONG_CREDENTIALS'
			);
		});

		it('refuse a write that does not come from the app’s own origin', async () => {
			const foreign = await server.call('POST', '/api/setup', {
				body: OWNER,
				headers: { origin: 'https://evil.example' }
			});
			expect(foreign.statusCode).toBe(403);
			expect(bodyOf(foreign).code).toBe('ORIGIN_REFUSED');
			const noOrigin = await server.app.inject({
				method: 'POST',
				url: '/api/setup',
				payload: OWNER
			});
			expect(noOrigin.statusCode).toBe(403);
			const sameSite = await server.app.inject({
				method: 'POST',
				url: '/api/setup',
				payload: OWNER,
				headers: { 'sec-fetch-site': 'same-origin' }
			});
			expect(sameSite.statusCode).toBe(201);
		});

		it('answer malformed requests with a 4xx and a code', async () => {
			const badJson = await server.call('POST', '/api/session', {
				body: '{"email":',
				headers: { 'content-type': 'application/json' }
			});
			expect(badJson.statusCode).toBe(400);
			expect(bodyOf(badJson).code).toBe('BAD_REQUEST');
			const extra = await server.call('POST', '/api/session', {
				body: { email: 'a@b.c', password: 'x', role: 'owner' }
			});
			expect(extra.statusCode).toBe(400);
			expect(bodyOf(extra).code).toBe('INVALID_INPUT');
			const wrongType = await server.call('POST', '/api/session', {
				body: { email: 5, password: ['x'] }
			});
			expect(wrongType.statusCode).toBe(400);
			const cookie = await setUp();
			const badId = await server.call('PATCH', '/api/admins/not-a-uuid', {
				cookie,
				body: { disabled: true }
			});
			expect(badId.statusCode).toBe(400);
			expect(bodyOf(badId).code).toBe('INVALID_INPUT');
		});

		it('let the owner add, disable and remove admins; disabling ends their sessions at once', async () => {
			const owner = await setUp();
			const added = await server.call('POST', '/api/admins', { cookie: owner, body: ADMIN });
			expect(added.statusCode).toBe(201);
			const id = bodyOf(added).admin.id;
			const twice = await server.call('POST', '/api/admins', {
				cookie: owner,
				body: { ...ADMIN, email: 'ALI@example.com' }
			});
			expect(twice.statusCode).toBe(409);
			expect(bodyOf(twice).code).toBe('DUPLICATE_EMAIL');

			const ali = sessionCookieOf(await signIn(ADMIN.email, ADMIN.password));
			expect((await server.call('GET', '/api/session', { cookie: ali })).statusCode).toBe(200);
			const notOwner = await server.call('GET', '/api/admins', { cookie: ali });
			expect(notOwner.statusCode).toBe(403);
			expect(bodyOf(notOwner).code).toBe('FORBIDDEN');

			const disabled = await server.call('PATCH', `/api/admins/${id}`, {
				cookie: owner,
				body: { disabled: true }
			});
			expect(bodyOf(disabled).admin.disabled).toBe(true);
			expect((await server.call('GET', '/api/session', { cookie: ali })).statusCode).toBe(401);
			expect((await signIn(ADMIN.email, ADMIN.password)).statusCode).toBe(401);

			expect((await server.call('DELETE', `/api/admins/${id}`, { cookie: owner })).statusCode).toBe(
				204
			);
			const list = await server.call('GET', '/api/admins', { cookie: owner });
			expect(bodyOf(list).admins.map((a: { email: string }) => a.email)).toEqual([
				'olga@example.com'
			]);
		});

		it('keep the last owner: refuse to disable or remove them', async () => {
			const owner = await setUp();
			const me = bodyOf(await server.call('GET', '/api/session', { cookie: owner })).admin;
			const disable = await server.call('PATCH', `/api/admins/${me.id}`, {
				cookie: owner,
				body: { disabled: true }
			});
			expect(disable.statusCode).toBe(409);
			expect(bodyOf(disable).code).toBe('LAST_OWNER');
			const remove = await server.call('DELETE', `/api/admins/${me.id}`, { cookie: owner });
			expect(bodyOf(remove).code).toBe('LAST_OWNER');
			expect((await server.call('GET', '/api/session', { cookie: owner })).statusCode).toBe(200);
		});

		it('sign out here, or everywhere', async () => {
			const first = await setUp();
			const second = sessionCookieOf(await signIn(OWNER.email, OWNER.password));
			const third = sessionCookieOf(await signIn(OWNER.email, OWNER.password));
			expect((await server.call('DELETE', '/api/session', { cookie: first })).statusCode).toBe(204);
			expect((await server.call('GET', '/api/session', { cookie: first })).statusCode).toBe(401);
			expect((await server.call('GET', '/api/session', { cookie: second })).statusCode).toBe(200);
			await server.call('DELETE', '/api/sessions', { cookie: second });
			expect((await server.call('GET', '/api/session', { cookie: third })).statusCode).toBe(401);
		});
	}
);

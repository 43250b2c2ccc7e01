import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../app';
import type { SqlDatabase } from '../db/sql';
import type { TestBackend } from './databases';
import { OWNER } from './people';

export const ORIGIN = 'http://localhost:80';

export interface TestServer {
	app: FastifyInstance;
	db: SqlDatabase;
	/** The sign-in slow-downs asked for, in ms, instead of waiting them out. */
	delays: number[];
	/** A request from the app's own pages (same Origin), with the given session cookie. */
	call(
		method: NonNullable<InjectOptions['method']>,
		url: string,
		options?: { body?: unknown; cookie?: string; headers?: Record<string, string> }
	): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
	close(): Promise<void>;
}

export async function startTestServer(
	backend: TestBackend,
	staticDir?: string
): Promise<TestServer> {
	const db = await backend.open();
	const delays: number[] = [];
	const app = await buildApp({
		db,
		staticDir,
		secureCookies: false,
		slowDown: (ms) => {
			delays.push(ms);
			return Promise.resolve();
		}
	});
	return {
		app,
		db,
		delays,
		call: (method, url, { body, cookie, headers = {} } = {}) =>
			app.inject({
				method,
				url,
				headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
				...(body === undefined ? {} : { payload: body as object })
			}),
		async close() {
			await app.close();
			await db.close();
		}
	};
}

/** The `name=value` part of a response's Set-Cookie, to send back as a Cookie header. */
export function sessionCookieOf(response: { headers: Record<string, unknown> }): string {
	const header = response.headers['set-cookie'];
	const first: unknown = Array.isArray(header) ? header[0] : header;
	return typeof first === 'string' ? (first.split(';')[0] ?? '') : '';
}

interface AdminBody {
	id: string;
	email: string;
	name: string;
	role: string;
	disabled: boolean;
}

/** The shapes the API answers with, as the tests read them. */
export interface ApiBody {
	code?: string;
	message?: string;
	setUp?: boolean;
	admin: AdminBody;
	admins: AdminBody[];
}

export const bodyOf = (response: { json: <T>() => T }): ApiBody => response.json<ApiBody>();

/** Adds a second admin (`admin`, by the owner's cookie) and signs them in: their cookie. */
export async function signedInAdmin(
	server: TestServer,
	ownerCookie: string,
	admin: { name: string; email: string; password: string }
): Promise<string> {
	await server.call('POST', '/api/admins', { cookie: ownerCookie, body: admin });
	const signIn = await server.call('POST', '/api/session', {
		body: { email: admin.email, password: admin.password }
	});
	return sessionCookieOf(signIn);
}

/** The server of the running test, with its owner signed in (`owner` is their cookie). */
export interface SiteUnderTest {
	readonly server: TestServer;
	readonly owner: string;
}

/**
 * Gives each test of the suite a fresh server on `backend` whose owner is set up and signed in,
 * and closes it after the test. Read `server` and `owner` inside tests and hooks only.
 */
export function freshSitePerTest(backend: TestBackend): SiteUnderTest {
	let current: { server: TestServer; owner: string } | null = null;
	const now = () => {
		if (!current) throw new Error('The site exists only while a test runs.');
		return current;
	};
	beforeAll(() => backend.warmUp(), 60_000);
	beforeEach(async () => {
		const server = await startTestServer(backend);
		const owner = sessionCookieOf(await server.call('POST', '/api/setup', { body: OWNER }));
		current = { server, owner };
	});
	afterEach(async () => {
		await current?.server.close();
		current = null;
	});
	return {
		get server() {
			return now().server;
		},
		get owner() {
			return now().owner;
		}
	};
}

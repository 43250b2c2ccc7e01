import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { buildApp } from '../../server/app';
import { insertAdmin, setUpSite, type Admin, type AdminRole } from '../../server/auth/admins';
import { hashPassword } from '../../server/auth/password';
import { createSession } from '../../server/auth/sessions';
import type { SqlDatabase } from '../../server/db/sql';
import { SESSION_COOKIE } from '../../server/http/session-guard';
import { pgliteBackend } from '../../server/testing/databases';

export { expect };

export interface AdminDetails {
	name: string;
	email: string;
	password: string;
	role?: AdminRole;
}

export const OWNER: AdminDetails = {
	name: 'Olivia Owner',
	email: 'owner@example.com',
	password: 'owner password 1'
};

/** The site server of one test: the real app (server/app.ts), on a database of its own. */
export interface TestSite {
	/** Where the app is served, e.g. http://localhost:40123. */
	url: string;
	db: SqlDatabase;
	/** The owner the test's `page` is signed in as; null when the test asked for no owner. */
	owner: Admin | null;
	/** Adds an admin to the site (an admin unless `role` says owner). */
	newAdmin(details: AdminDetails): Promise<Admin>;
	/** Gives `context` a session of `admin` (the owner by default), as signing in would. */
	signIn(context: BrowserContext, admin?: Admin): Promise<void>;
	/**
	 * A page of a second admin in a browser context of its own (closed after the test): a new
	 * admin unless one is given.
	 */
	signedInPage(browser: Browser, admin?: Admin): Promise<Page>;
}

interface SiteOptions {
	/** False: the site starts without an owner, as on a first start, and `page` is signed out. */
	siteSetUp: boolean;
}

/** scrypt is deliberately slow; the tests' admins share one hash per password. */
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
	let hash = hashes.get(password);
	if (!hash) hashes.set(password, (hash = hashPassword(password)));
	return hash;
};

let admins = 0;
const secondAdmin = (): AdminDetails => {
	admins += 1;
	return {
		name: `Ben Admin ${admins}`,
		email: `ben${admins}@example.com`,
		password: 'admin password 1'
	};
};

async function listen(app: FastifyInstance): Promise<string> {
	await app.listen({ port: 0, host: '127.0.0.1' });
	return `http://localhost:${(app.server.address() as AddressInfo).port}`;
}

/**
 * Every browser test runs against the real Roster server (the same `buildApp` that
 * `npm start` runs), each on a fresh site: its own PGlite schema, its own port, so tests stay
 * independent and parallel. `page` is signed in as the owner.
 */
export const test = base.extend<SiteOptions & { site: TestSite }>({
	siteSetUp: [true, { option: true }],
	site: async ({ siteSetUp }, use) => {
		const db = await pgliteBackend.open();
		const app = await buildApp({
			db,
			staticDir: resolve('build'),
			secureCookies: false,
			slowDown: () => Promise.resolve()
		});
		const url = await listen(app);
		let siteId: string | null = null;
		const contexts: BrowserContext[] = [];
		const owner = siteSetUp
			? await setUpSite(db, 'Test site', {
					name: OWNER.name,
					email: OWNER.email,
					passwordHash: await hashOf(OWNER.password)
				})
			: null;
		siteId = owner?.siteId ?? null;
		const newAdmin = async (details: AdminDetails): Promise<Admin> => {
			if (!siteId) throw new Error('The site has no owner yet: set it up first.');
			return insertAdmin(db, siteId, {
				name: details.name,
				email: details.email,
				passwordHash: await hashOf(details.password),
				role: details.role ?? 'admin'
			});
		};
		const signIn = async (context: BrowserContext, admin = owner): Promise<void> => {
			if (!admin) throw new Error('Nobody to sign in: the site has no owner.');
			const token = await createSession(db, admin.id);
			await context.addCookies([
				{ name: SESSION_COOKIE, value: token, url, httpOnly: true, sameSite: 'Strict' }
			]);
		};
		await use({
			url,
			db,
			owner,
			newAdmin,
			signIn,
			async signedInPage(from, admin) {
				const context = await from.newContext({ baseURL: url });
				contexts.push(context);
				await signIn(context, admin ?? (await newAdmin(secondAdmin())));
				return context.newPage();
			}
		});
		for (const context of contexts) await context.close();
		await app.close();
		await db.close();
	},
	baseURL: async ({ site }, use) => use(site.url),
	context: async ({ context, site }, use) => {
		if (site.owner) await site.signIn(context);
		await use(context);
	}
});

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
import { putSetting } from '../../server/site/settings';
import { writeCard } from '../../server/site/cards';
import { writeUser } from '../../server/site/users';
import { lockSiteForWrite } from '../../server/site/versions';
import { DEFAULT_APP_SETTINGS, type ImportsRunOn } from '../../src/lib/domain/app-settings';
import type { Card, User } from '../../src/lib/domain/model';
import { APP_SETTINGS_KEY } from '../../src/lib/domain/settings-keys';
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
	/**
	 * Stores users and cards on the site as its owner would, each with its version and its
	 * change in the feed, so every signed-in browser's replica receives them.
	 */
	seed(users: readonly SeedUser[], cards?: readonly SeedCard[]): Promise<void>;
	/** Adds an admin to the site (an admin unless `role` says owner). */
	newAdmin(details: AdminDetails): Promise<Admin>;
	/** Gives `context` a session of `admin` (the owner by default), as signing in would. */
	signIn(context: BrowserContext, admin?: Admin): Promise<void>;
	/**
	 * A page of a second admin in a browser context of its own (closed after the test): a new
	 * admin unless one is given.
	 */
	signedInPage(browser: Browser, admin?: Admin): Promise<Page>;
	/**
	 * Holds every import the server starts from now on at its start (the job runs and holds the
	 * site's lease, but reads no row) until the returned function is called.
	 */
	holdImports(): () => void;
}

/** A user or card with only what a test cares about; the rest takes the usual defaults. */
export type SeedUser = Pick<User, 'name'> & Partial<Omit<User, 'id'>> & { id: string };
export type SeedCard = Partial<Omit<Card, 'number' | 'userId' | 'validFrom' | 'validTo'>> & {
	number: string;
	userId: string;
	validFrom?: string;
	validTo?: string;
};

/** The site each browser context of a test is signed in to, for helpers given only a page. */
const sitesOfContexts = new WeakMap<BrowserContext, TestSite>();

export function siteOf(context: BrowserContext): TestSite {
	const site = sitesOfContexts.get(context);
	if (!site) throw new Error('This browser context belongs to no test site.');
	return site;
}

interface SiteOptions {
	/** False: the site starts without an owner, as on a first start, and `page` is signed out. */
	siteSetUp: boolean;
	/** Where the site's imports run (Settings → Imports run); the product's default unless set. */
	importsRunOn: ImportsRunOn;
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
	importsRunOn: [DEFAULT_APP_SETTINGS.importsRunOn, { option: true }],
	site: async ({ siteSetUp, importsRunOn }, use) => {
		const db = await pgliteBackend.open();
		let held: Promise<void> | null = null;
		const app = await buildApp({
			beforeImportRuns: () => held ?? Promise.resolve(),
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
		if (owner && importsRunOn !== DEFAULT_APP_SETTINGS.importsRunOn) {
			await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, owner.siteId);
				const settings = { ...DEFAULT_APP_SETTINGS, importsRunOn };
				await putSetting(tx, owner, APP_SETTINGS_KEY, settings, Date.now());
			});
		}
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
		const seed = async (users: readonly SeedUser[], cards: readonly SeedCard[] = []) => {
			if (!owner) throw new Error('The site has no owner yet: set it up first.');
			const at = Date.now();
			await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, owner.siteId);
				for (const user of users) {
					const { id, ...rest } = user;
					await writeUser(tx, owner.siteId, owner, {
						userType: 'Employee',
						createdAt: at,
						updatedAt: at,
						...rest,
						id: id as User['id']
					});
				}
				for (const card of cards) {
					const {
						number,
						userId,
						validFrom = '2026-01-01',
						validTo = '2026-12-31',
						...rest
					} = card;
					await writeCard(tx, owner, {
						status: 'registered',
						createdAt: at,
						updatedAt: at,
						...rest,
						validFrom: validFrom as Card['validFrom'],
						validTo: validTo as Card['validTo'],
						number: number as Card['number'],
						userId: userId as Card['userId']
					});
				}
			});
		};
		const site: TestSite = {
			url,
			db,
			owner,
			seed,
			newAdmin,
			signIn,
			holdImports() {
				let release: () => void = () => undefined;
				held = new Promise((resolve) => (release = resolve));
				return () => {
					held = null;
					release();
				};
			},
			async signedInPage(from, admin) {
				const context = await from.newContext({ baseURL: url });
				contexts.push(context);
				sitesOfContexts.set(context, site);
				await signIn(context, admin ?? (await newAdmin(secondAdmin())));
				return context.newPage();
			}
		};
		await use(site);
		for (const context of contexts) await context.close();
		await app.close();
		await db.close();
	},
	baseURL: async ({ site }, use) => use(site.url),
	context: async ({ context, site }, use) => {
		sitesOfContexts.set(context, site);
		if (site.owner) await site.signIn(context);
		await use(context);
	}
});

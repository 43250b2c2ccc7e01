import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const BENCH_OWNER = { email: 'bench@example.com', password: 'bench password 1' };

/**
 * Where the server keeps the site: a fresh PGlite folder, or a fresh schema on the PostgreSQL of
 * `databaseUrl` (dropped again by `drop`), so runs never see each other's data.
 */
async function freshStorage(databaseUrl) {
	const dataDir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
	if (!databaseUrl) {
		return {
			env: { DATA_DIR: dataDir, DATABASE_URL: '' },
			drop: async () => rmSync(dataDir, { recursive: true, force: true })
		};
	}
	const schema = `bench_${randomBytes(6).toString('hex')}`;
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	await client.query(`CREATE SCHEMA ${schema}`);
	await client.end();
	const url = new URL(databaseUrl);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return {
		env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
		async drop() {
			const admin = new pg.Client({ connectionString: databaseUrl });
			await admin.connect();
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** The server's resident memory now and at its peak, in bytes (Linux /proc). */
function memoryOf(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
	return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * The real Roster server (`server/main.ts`, as `npm start` runs it) on its own port and empty
 * storage, with an owner and `users` seeded users (one card each, with their feed), signed in:
 * `cookie` is the owner's session. Resolves once it answers.
 */
export async function startSiteServer({ port, databaseUrl, users = 0 }) {
	const url = `http://127.0.0.1:${port}`;
	const taken = await fetch(url).then(
		() => true,
		() => false
	);
	if (taken) throw new Error(`Port ${port} is taken: stop whatever serves ${url} first`);
	const storage = await freshStorage(databaseUrl);
	const env = {
		...process.env,
		...storage.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		LOG_LEVEL: 'warn'
	};
	execFileSync(
		'node_modules/.bin/tsx',
		['scripts/bench/seed-site.ts', String(users), BENCH_OWNER.email, BENCH_OWNER.password],
		{ env, stdio: 'inherit' }
	);
	// node itself (not a wrapper) so that its pid is the server whose memory is read.
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let up = false;
	for (let attempt = 0; attempt < 600 && !up; attempt++) {
		up = await fetch(`${url}/api/setup`).then(
			(response) => response.ok,
			() => false
		);
		if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (!up) {
		child.kill('SIGKILL');
		throw new Error(`The server did not start on ${url}`);
	}
	const signIn = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify(BENCH_OWNER)
	});
	if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
	const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
	const [name, value] = cookie.split('=');
	return {
		url,
		cookie,
		memory: () => memoryOf(child.pid),
		/** A new browser context with the owner's session, as after signing in. */
		async signedInContext(browser) {
			const context = await browser.newContext();
			await context.addCookies([{ name, value, url, httpOnly: true, sameSite: 'Strict' }]);
			return context;
		},
		/** The storage's environment, for a script run on it once the server has halted. */
		env,
		/** Stops the server and keeps its storage. */
		async halt() {
			child.kill('SIGTERM');
			await exited;
		},
		async stop() {
			await this.halt();
			await storage.drop();
		}
	};
}

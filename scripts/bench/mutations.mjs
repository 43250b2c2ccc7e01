// The site server's write path: a mutation's round trip over HTTP (parse, session, the site's
// write lock, the form's rules, the row, the change, the stored answer), against a floor measured
// on the same server in the same run: `GET /api/session`, a signed-in read of one row.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { median, percentile } from './stats.mjs';

const OWNER = { name: 'Bench Owner', email: 'bench@example.com', password: 'bench password 1' };
const BLANK = {
	userId: '',
	name: '',
	email: '',
	phone: '',
	userType: '',
	department: '',
	title: ''
};

async function startServer(port, databaseUrl) {
	const dataDir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
	// Its own process group, so that stopping it stops tsx's node child too.
	const child = spawn('node_modules/.bin/tsx', ['server/main.ts'], {
		detached: true,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' })
		},
		stdio: ['ignore', 'ignore', 'ignore']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const url = `http://127.0.0.1:${port}`;
	let up = false;
	for (let attempt = 0; attempt < 600 && !up; attempt++) {
		up = await fetch(`${url}/api/setup`).then(
			(response) => response.ok,
			() => false
		);
		if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (!up) throw new Error(`The server did not start on ${url}`);
	return {
		url,
		async stop() {
			process.kill(-child.pid, 'SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Times `count` sequential calls of `call` after `warmUp` untimed ones, in ms. */
async function timed(call, count, warmUp = 50) {
	for (let i = 0; i < warmUp; i++) await call(i);
	const times = [];
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		await call(warmUp + i);
		times.push(performance.now() - start);
	}
	return times;
}

export async function benchMutations({ port, databaseUrl, count, log }) {
	const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
	log(`## Mutations on ${engine}: ${count} user creates, one after another`);
	const server = await startServer(port, databaseUrl);
	try {
		const headers = { 'content-type': 'application/json', origin: server.url };
		const setup = await fetch(`${server.url}/api/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify(OWNER)
		});
		if (!setup.ok) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
		const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		const floor = await timed(async () => {
			const response = await fetch(`${server.url}/api/session`, { headers: { cookie } });
			await response.arrayBuffer();
		}, count);
		const mutation = await timed(async (i) => {
			const response = await fetch(`${server.url}/api/mutations`, {
				method: 'POST',
				headers: { ...headers, cookie },
				body: JSON.stringify({
					id: randomUUID(),
					type: 'user.create',
					values: { ...BLANK, name: `Person ${i}`, email: `p${i}@example.com` }
				})
			});
			if (!response.ok) throw new Error(`mutation answered ${response.status}`);
			await response.arrayBuffer();
		}, count);
		const summary = {
			engine,
			count,
			mutationP50Ms: median(mutation),
			mutationP95Ms: percentile(mutation, 95),
			floorP50Ms: median(floor),
			floorP95Ms: percentile(floor, 95),
			ratioP50: median(mutation) / median(floor)
		};
		log(
			`${engine}: mutation p50 ${summary.mutationP50Ms.toFixed(1)} ms, p95 ${summary.mutationP95Ms.toFixed(1)} ms; ` +
				`floor (GET /api/session) p50 ${summary.floorP50Ms.toFixed(1)} ms, p95 ${summary.floorP95Ms.toFixed(1)} ms; ` +
				`p50 ratio ${summary.ratioP50.toFixed(2)}`
		);
		return summary;
	} finally {
		await server.stop();
	}
}

// The site server's write path: a mutation's round trip over HTTP (parse, session, the site's
// write lock, the form's rules, the row, the change, the stored answer), against a floor measured
// on the same server in the same run: `GET /api/session`, a signed-in read of one row.
import { randomUUID } from 'node:crypto';
import { startSiteServer } from './server.mjs';
import { median, percentile } from './stats.mjs';

const BLANK = {
	userId: '',
	name: '',
	email: '',
	phone: '',
	userType: '',
	department: '',
	title: ''
};

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
	const server = await startSiteServer({ port, databaseUrl });
	try {
		const headers = { 'content-type': 'application/json', origin: server.url };
		const { cookie } = server;
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

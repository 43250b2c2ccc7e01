// Another admin's replica catching up with an import: while one admin's import writes 40 000 users
// and their cards in chunks, a second admin's browser sits on the Users list. Measured: how long
// after the last chunk is written that browser's replica holds every user and card, and the long
// tasks (over 50 ms) of its page meanwhile and while its list reads the result once the run ended
// (docs/architecture.md, "The replica").
// The chunks are the import's own `records.write` mutations, sent straight to the server, so
// what is measured is the feed and the replica, not the importing browser.
import { randomUUID } from 'node:crypto';
import { replicaCounts } from './first-sync.mjs';
import { pageWatchingLongTasks } from './long-tasks.mjs';
import { startSiteServer } from './server.mjs';
import { median } from './stats.mjs';

const CHUNK = 5_000;
const POLL_MS = 25;

function chunkOf(first, count, at) {
	const users = [];
	const cards = [];
	for (let i = first; i < first + count; i++) {
		const id = `C${String(i).padStart(7, '0')}`;
		users.push({
			id,
			name: `Person ${i}`,
			email: `person${i}@example.com`,
			userType: 'Employee',
			department: `Department ${i % 40}`,
			createdAt: at,
			updatedAt: at
		});
		cards.push({
			number: String(20_000_000 + i),
			userId: id,
			status: 'registered',
			validFrom: '2026-01-01',
			validTo: '2030-12-31',
			createdAt: at,
			updatedAt: at
		});
	}
	return { users, cards };
}

async function write(server, body) {
	const response = await fetch(`${server.url}/api/mutations`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url, cookie: server.cookie },
		body: JSON.stringify({ id: randomUUID(), ...body })
	});
	if (!response.ok)
		throw new Error(`records.write answered ${response.status}: ${await response.text()}`);
	await response.arrayBuffer();
}

async function measureOnce({ browser, port, rows, databaseUrl }) {
	const server = await startSiteServer({ port, databaseUrl });
	const { context, page } = await pageWatchingLongTasks(browser, server);
	try {
		await page.goto(`${server.url}/users`);
		await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
		// The replica exists and has had its first (empty) sync before the import starts.
		while (!(await page.evaluate(() => indexedDB.databases())).some((db) => db.name === 'roster'))
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		await page.evaluate(() => (window.__longTasks = []));
		const at = Date.now();
		const started = performance.now();
		// As a browser's import does: the site's lease, a chunk a mutation that renews it, the release.
		const claim = {
			holder: randomUUID(),
			activity: 'import',
			fileName: 'catch-up.csv',
			total: rows
		};
		await write(server, { type: 'lease.take', lease: { ...claim, done: 0 } });
		for (let first = 1; first <= rows; first += CHUNK) {
			const { users, cards } = chunkOf(first, Math.min(CHUNK, rows - first + 1), at);
			await write(server, {
				type: 'records.write',
				source: 'the import of catch-up.csv',
				users,
				cards,
				removeUsers: [],
				removeCards: [],
				lease: { ...claim, done: first + users.length - 1 }
			});
		}
		await write(server, { type: 'lease.release', holder: claim.holder });
		const written = performance.now();
		let counts = await replicaCounts(page);
		while (counts.users < rows || counts.cards < rows) {
			if (performance.now() - written > 120_000)
				throw new Error(`The replica did not catch up in 2 minutes: ${JSON.stringify(counts)}`);
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
			counts = await replicaCounts(page);
		}
		const caughtUp = performance.now();
		// The list waits for the run to end, then reads the replica again, once.
		await page.waitForFunction(
			(text) => document.querySelector('[data-testid="user-counts"]')?.textContent?.trim() === text,
			`${rows.toLocaleString('en')} users`,
			{ timeout: 120_000 }
		);
		const listed = performance.now();
		const longTasks = await page.evaluate(() => window.__longTasks);
		return {
			writeMs: written - started,
			lagMs: caughtUp - written,
			listedMs: listed - written,
			longTasks: longTasks.filter((duration) => duration > 50).length,
			longestTaskMs: Math.round(Math.max(0, ...longTasks))
		};
	} finally {
		await context.close();
		await server.stop();
	}
}

export async function benchCatchUp({ browser, port, rows, runs, databaseUrl, log }) {
	const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
	log(
		`\n## Another admin's replica during an import of ${rows.toLocaleString('en')} rows on ${engine}`
	);
	const results = [];
	for (let run = 0; run < runs; run++) {
		const result = await measureOnce({ browser, port, rows, databaseUrl });
		log(
			`run ${run + 1}: chunks written in ${(result.writeMs / 1000).toFixed(1)} s; replica complete ` +
				`${(result.lagMs / 1000).toFixed(2)} s after the last, listed after ` +
				`${(result.listedMs / 1000).toFixed(2)} s; long tasks ${result.longTasks} ` +
				`(longest ${result.longestTaskMs} ms)`
		);
		results.push(result);
	}
	const summary = {
		engine,
		rows,
		lagS: median(results.map((r) => r.lagMs)) / 1000,
		listedS: median(results.map((r) => r.listedMs)) / 1000,
		longTasks: median(results.map((r) => r.longTasks)),
		longestTaskMs: median(results.map((r) => r.longestTaskMs))
	};
	log(
		`${engine}: median replica lag ${summary.lagS.toFixed(2)} s after the last chunk (target ≤ 2 s), ` +
			`long tasks ${summary.longTasks} (longest ${summary.longestTaskMs} ms)`
	);
	return summary;
}

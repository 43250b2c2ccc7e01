// A fresh browser's first sync of a large site: from opening the app signed in to every user and
// card in its IndexedDB replica, against a floor measured in the same page and run: the same
// records put into IndexedDB with the same indexes, in transactions of the feed's page size. The
// server's resident memory is sampled meanwhile.
import { startSiteServer } from './server.mjs';
import { mb, median } from './stats.mjs';

/** The feed's largest page (server/routes/site-data.ts), which the replica asks for. */
const PAGE = 5_000;
const SAMPLE_MS = 100;

/** How many users and cards the replica holds; zero before the app has made its database. */
export function replicaCounts(page) {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((db) => db.name);
		// Opening a database that does not exist would create it before the app does.
		if (!names.includes('roster')) return { users: 0, cards: 0 };
		const db = await new Promise((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		try {
			if (!db.objectStoreNames.contains('users')) return { users: 0, cards: 0 };
			const count = (store) =>
				new Promise((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).count();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
			return { users: await count('users'), cards: await count('cards') };
		} finally {
			db.close();
		}
	});
}

/** The floor: the seeded site's records (scripts/bench/seed-site.ts) put straight into IndexedDB. */
function floorMs(page, users) {
	return page.evaluate(
		async ({ users, size }) => {
			await new Promise((resolve) => {
				const request = indexedDB.deleteDatabase('bench-floor');
				request.onsuccess = request.onerror = () => resolve(undefined);
			});
			const db = await new Promise((resolve, reject) => {
				const request = indexedDB.open('bench-floor', 1);
				request.onupgradeneeded = () => {
					const users = request.result.createObjectStore('users', { keyPath: 'id' });
					users.createIndex('email', 'email');
					users.createIndex('phoneDigits', 'phoneDigits');
					const cards = request.result.createObjectStore('cards', { keyPath: 'number' });
					cards.createIndex('userId', 'userId');
				};
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const at = Date.now();
			const id = (i) => `B${String(i).padStart(7, '0')}`;
			const user = (i) => ({
				id: id(i),
				name: `Person ${i}`,
				email: `person${i}@example.com`,
				phone: `+1 555 ${String(i).padStart(7, '0')}`,
				phoneDigits: `1555${String(i).padStart(7, '0')}`,
				userType: 'Employee',
				department: `Department ${i % 40}`,
				createdAt: at,
				updatedAt: at,
				version: i
			});
			const card = (i) => ({
				number: String(10_000_000 + i),
				userId: id(i),
				status: 'registered',
				validFrom: '2026-01-01',
				validTo: '2030-12-31',
				createdAt: at,
				updatedAt: at,
				version: users + i
			});
			const put = (store, records) =>
				new Promise((resolve, reject) => {
					const tx = db.transaction(store, 'readwrite');
					const target = tx.objectStore(store);
					for (const record of records) target.put(record);
					tx.oncomplete = () => resolve(undefined);
					tx.onerror = () => reject(tx.error);
				});
			const start = performance.now();
			for (const [store, make] of [
				['users', user],
				['cards', card]
			]) {
				for (let first = 1; first <= users; first += size) {
					const records = [];
					for (let i = first; i < Math.min(first + size, users + 1); i++) records.push(make(i));
					await put(store, records);
				}
			}
			const elapsed = performance.now() - start;
			db.close();
			indexedDB.deleteDatabase('bench-floor');
			return elapsed;
		},
		{ users, size: PAGE }
	);
}

async function measureOnce({ browser, port, users, databaseUrl }) {
	const server = await startSiteServer({ port, databaseUrl, users });
	const context = await server.signedInContext(browser);
	try {
		const page = await context.newPage();
		const idle = server.memory();
		let peakRss = idle.rss;
		const sampler = setInterval(() => {
			peakRss = Math.max(peakRss, server.memory().rss);
		}, SAMPLE_MS);
		const start = performance.now();
		await page.goto(`${server.url}/users`);
		let counts = { users: 0, cards: 0 };
		while (counts.users < users || counts.cards < users) {
			if (performance.now() - start > 600_000)
				throw new Error(`The first sync did not finish in 10 minutes: ${JSON.stringify(counts)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
			counts = await replicaCounts(page);
		}
		const syncMs = performance.now() - start;
		clearInterval(sampler);
		const floor = await floorMs(page, users);
		return { syncMs, floorMs: floor, ratio: syncMs / floor, idleRss: idle.rss, peakRss };
	} finally {
		await context.close();
		await server.stop();
	}
}

export async function benchFirstSync({ browser, port, users, runs, databaseUrl, log }) {
	const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
	log(`## First sync of ${users.toLocaleString('en')} users and their cards on ${engine}`);
	const results = [];
	for (let run = 0; run < runs; run++) {
		const result = await measureOnce({ browser, port, users, databaseUrl });
		log(
			`run ${run + 1}: sync ${(result.syncMs / 1000).toFixed(1)} s, floor (bulk put) ` +
				`${(result.floorMs / 1000).toFixed(1)} s, ratio ${result.ratio.toFixed(2)}; server RSS ` +
				`${mb(result.idleRss)} MB idle, ${mb(result.peakRss)} MB peak`
		);
		results.push(result);
	}
	const summary = {
		engine,
		users,
		syncMs: median(results.map((r) => r.syncMs)),
		floorMs: median(results.map((r) => r.floorMs)),
		ratio: median(results.map((r) => r.ratio)),
		peakRssMb: Number(mb(Math.max(...results.map((r) => r.peakRss))))
	};
	log(
		`${engine}: median first sync ${(summary.syncMs / 1000).toFixed(1)} s, ${summary.ratio.toFixed(2)}× ` +
			`its floor; server peak RSS ${summary.peakRssMb} MB`
	);
	return summary;
}

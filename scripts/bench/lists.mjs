/**
 * Users/Cards list benchmark (issues 7 and 9): seeds N users and N cards straight into the app's
 * IndexedDB, then measures /users and /cards in the real app: time to the first rows (navigation
 * start → first row in the DOM, median of 3), search-as-you-type latency (input event → results
 * rendered and a frame presented, p50/p95 over 20 queries), scroll frame times (largest gap
 * between animation frames while the list is scrolled for ~2 s) and the page's heap.
 */

/** The default size; `npm run bench -- --list-users=1000000` measures another. */
const USERS = 100_000;
const FIRST_NAMES = ['Ana', 'Bo', 'Chris', 'Dana', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];
const LAST_NAMES = [
	'Park',
	'Lee',
	'Kim',
	'Smith',
	'Garcia',
	'Müller',
	'Dubois',
	'Sato',
	'Rossi',
	'Khan'
];
const QUERIES = [
	'a',
	'an',
	'ana',
	'ana p',
	'park',
	'u0',
	'u00012',
	'lee',
	'k',
	'kim',
	'1000',
	'10001',
	'0x186a',
	'gus',
	'gus m',
	'sato',
	'555',
	'555 01',
	'dana',
	'zz'
];

const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function seed(page, count) {
	await page.evaluate(
		async ({ count, first, last }) => {
			while (!(await indexedDB.databases()).some((d) => d.name === 'roster' && d.version >= 10)) {
				await new Promise((r) => setTimeout(r, 20));
			}
			const db = await new Promise((resolve, reject) => {
				const r = indexedDB.open('roster');
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			const now = Date.now();
			for (let start = 0; start < count; start += 2_000) {
				const tx = db.transaction(['users', 'cards'], 'readwrite');
				const users = tx.objectStore('users');
				const cards = tx.objectStore('cards');
				for (let i = start; i < Math.min(count, start + 2_000); i++) {
					const id = `U${String(i).padStart(6, '0')}`;
					const phone = `555 ${String(i).padStart(7, '0')}`;
					users.put({
						id,
						name: `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`,
						email: `user${i}@example.com`,
						phone,
						phoneDigits: phone.replace(/\D/g, ''),
						userType: ['Employee', 'Visitor', 'Member'][i % 3],
						department: `Dept ${i % 50}`,
						createdAt: now,
						updatedAt: now
					});
					cards.put({
						number: String(100000 + i),
						userId: id,
						status: 'registered',
						validFrom: '2026-01-01',
						validTo: '2026-12-31',
						createdAt: now,
						updatedAt: now
					});
				}
				await new Promise((resolve, reject) => {
					tx.oncomplete = resolve;
					tx.onerror = () => reject(tx.error);
				});
			}
			db.close();
		},
		{ count, first: FIRST_NAMES, last: LAST_NAMES }
	);
}

const SCREENS = [
	{ path: '/users', table: 'Users', search: 'Search users', counts: 'user-counts', noun: 'users' },
	{ path: '/cards', table: 'Cards', search: 'Search cards', counts: 'card-counts', noun: 'cards' }
];

/** Seeds `count` users with a card each, then measures /users and /cards at that size. */
export async function benchLists({ browser, site, count = USERS, log = console.log }) {
	const context = await site.signedInContext(browser);
	const page = await context.newPage();
	try {
		await page.goto(`${site.url}/users`);
		const seeding = Date.now();
		await seed(page, count);
		log(`\n## Lists at ${count.toLocaleString('en')} users and cards`);
		log(`seeded in ${Date.now() - seeding} ms`);
		log('| measure | value | target |');
		log('| --- | --- | --- |');
		const results = {};
		for (const screen of SCREENS) {
			const result = await measureScreen(page, site, screen, count);
			results[screen.noun] = result;
			log(
				`| ${screen.path} first rows (median of 3) | ${result.firstRowsMs.toFixed(0)} ms | < 300 ms |`
			);
			log(`| ${screen.path} all loaded | ${result.fullLoadMs.toFixed(0)} ms | — |`);
			log(
				`| ${screen.path} search p50 / p95 (${QUERIES.length} queries) | ${result.searchP50Ms.toFixed(1)} / ${result.searchP95Ms.toFixed(1)} ms | p95 < 100 ms |`
			);
			log(
				`| ${screen.path} scroll: worst frame over ${result.scrollFrames} frames | ${result.scrollMaxFrameMs.toFixed(1)} ms | < 50 ms |`
			);
			log(`| ${screen.path} page heap once loaded | ${result.heapMb} MB | — |`);
			log(`${screen.path} slowest queries: ${result.slowest}`);
		}
		return results;
	} finally {
		await context.close();
	}
}

async function measureScreen(page, site, screen, count) {
	// Time to first rows: a row must be in the DOM, measured from navigation start.
	const firsts = [];
	for (let i = 0; i < 3; i++) {
		await page.goto('about:blank');
		await page.goto(`${site.url}${screen.path}`, { waitUntil: 'commit' });
		firsts.push(
			await page.evaluate(
				(table) =>
					new Promise((resolve) => {
						const check = () => {
							if (document.querySelector(`[role="table"][aria-label="${table}"] [role="cell"]`)) {
								resolve(performance.now());
							} else requestAnimationFrame(check);
						};
						check();
					}),
				screen.table
			)
		);
	}
	// Wait until everything is loaded before searching.
	await page.waitForFunction(
		({ testId, text }) =>
			document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() === text,
		{
			testId: screen.counts,
			text: `${new Intl.NumberFormat('en-US').format(count)} ${screen.noun}`
		},
		{ timeout: 600_000 }
	);
	const loaded = await page.evaluate(() => performance.now());

	// Search as you type: input event → DOM updated (microtask) → next frame presented.
	const latencies = await page.evaluate(
		async ({ queries, label }) => {
			const input = document.querySelector(`input[aria-label="${label}"]`);
			const out = [];
			for (const q of queries) {
				const started = performance.now();
				input.value = q;
				input.dispatchEvent(new Event('input', { bubbles: true }));
				await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
				out.push(performance.now() - started);
			}
			input.value = '';
			input.dispatchEvent(new Event('input', { bubbles: true }));
			return out;
		},
		{ queries: QUERIES, label: screen.search }
	);

	// Scroll: move the list a few rows every frame for ~2 s, record frame gaps.
	const frames = await page.evaluate(
		(table) =>
			new Promise((resolve) => {
				const viewport = document.querySelector(
					`[role="table"][aria-label="${table}"] [data-testid="virtual-viewport"]`
				);
				const gaps = [];
				let last = performance.now();
				const end = last + 2000;
				const step = (now) => {
					gaps.push(now - last);
					last = now;
					viewport.scrollTop += 900;
					if (now < end) requestAnimationFrame(step);
					else resolve(gaps);
				};
				requestAnimationFrame(step);
			}),
		screen.table
	);
	const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);

	return {
		firstRowsMs: percentile(firsts, 50),
		fullLoadMs: loaded,
		searchP50Ms: percentile(latencies, 50),
		searchP95Ms: percentile(latencies, 95),
		slowest: QUERIES.map((query, i) => ({ query, ms: latencies[i] }))
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 3)
			.map(({ query, ms }) => `"${query}" ${ms.toFixed(1)} ms`)
			.join(', '),
		scrollMaxFrameMs: Math.max(...frames.slice(1)),
		scrollFrames: frames.length,
		heapMb: Math.round(heap / 1024 / 1024)
	};
}

import { readFileSync, readdirSync } from 'node:fs';
import { generateCsv } from './generate.mjs';
import { pageWatchingLongTasks } from './long-tasks.mjs';
import { mb, median } from './stats.mjs';
import { describeBreakdown, traceMemory } from './memory-breakdown.mjs';
import { sharedWorkerHeap } from './worker-heap.mjs';

const CHUNK = 5000;

/**
 * The import of a generated n-row file through the real wizard, against the floor: a bare
 * IndexedDB write of the same users and cards records, in the same browser and run. Then Undo of
 * that import through the same screen, as a ratio to the import's own time.
 */
export async function benchImport({ browser, site, rows, runs, dir, log, breakdown = false }) {
	const { path, bytes } = await generateCsv(dir, rows);
	log(`\n## Import of ${rows.toLocaleString('en')} rows (${mb(bytes)} MB), ${runs} run(s)`);
	const results = [];
	for (let run = 1; run <= runs; run += 1) {
		const floor = await measureFloor(browser, site, rows, breakdown);
		const imported = await measureImport(browser, site, path, rows, bytes, breakdown);
		const result = {
			...imported,
			floorMs: floor.ms,
			floorRss: floor.peakRss,
			floorPrivate: floor.peakPrivate,
			floorBreakdown: floor.breakdown,
			ratio: imported.importMs / floor.ms,
			undoRatio: imported.undoMs / imported.importMs
		};
		results.push(result);
		log(
			`run ${run}: import ${(result.importMs / 1000).toFixed(1)} s, floor ${(result.floorMs / 1000).toFixed(1)} s, ratio ${result.ratio.toFixed(2)}, undo ${(result.undoMs / 1000).toFixed(1)} s (${result.undoRatio.toFixed(2)} × the import), ${Math.round(rows / (result.importMs / 1000)).toLocaleString('en')} rows/s, long tasks ${result.longTasks} (longest ${result.longestTaskMs} ms), peak page heap ${mb(result.pageHeap)} MB, peak worker heap ${result.workerHeap === null ? 'n/a' : `${mb(result.workerHeap)} MB`}, peak renderer RSS ${mb(result.rendererRss)} MB (floor's ${mb(result.floorRss)} MB), private ${mb(result.rendererPrivate)} MB (floor's ${mb(result.floorPrivate)} MB)`
		);
		if (breakdown) {
			log(`  renderer at its largest, MB: ${describeBreakdown(result.breakdown)}`);
			log(`  floor's renderer at its largest, MB: ${describeBreakdown(result.floorBreakdown)}`);
		}
	}
	const summary = {
		rows,
		fileMb: Number(mb(bytes)),
		importS: median(results.map((r) => r.importMs)) / 1000,
		floorS: median(results.map((r) => r.floorMs)) / 1000,
		ratio: median(results.map((r) => r.ratio)),
		undoS: median(results.map((r) => r.undoMs)) / 1000,
		undoRatio: median(results.map((r) => r.undoRatio)),
		rowsPerS: Math.round(rows / (median(results.map((r) => r.importMs)) / 1000)),
		longTasks: median(results.map((r) => r.longTasks)),
		longestTaskMs: median(results.map((r) => r.longestTaskMs)),
		peakPageHeapMb: Number(mb(median(results.map((r) => r.pageHeap)))),
		peakWorkerHeapMb:
			results[0].workerHeap === null ? null : Number(mb(median(results.map((r) => r.workerHeap)))),
		peakRendererRssMb: Number(mb(median(results.map((r) => r.rendererRss)))),
		floorRendererRssMb: Number(mb(median(results.map((r) => r.floorRss)))),
		peakRendererPrivateMb: Number(mb(median(results.map((r) => r.rendererPrivate)))),
		floorRendererPrivateMb: Number(mb(median(results.map((r) => r.floorPrivate))))
	};
	log(`median: ${JSON.stringify(summary)}`);
	return summary;
}

async function measureImport(browser, site, path, rows, bytes, breakdown) {
	const { context, page } = await pageWatchingLongTasks(browser, site);
	await page.goto(`${site.url}/import`);
	await page.evaluate(
		async (maxCsvMb) => {
			// Raise the size limit as an admin would in Settings, straight into the settings
			// record, once the app has created its database.
			while (!(await indexedDB.databases()).some((d) => d.name === 'roster' && d.version >= 10)) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			const request = indexedDB.open('roster');
			const db = await new Promise((resolve, reject) => {
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('settings', 'readwrite');
			const store = tx.objectStore('settings');
			const current = await new Promise((resolve) => {
				const get = store.get('app-settings');
				get.onsuccess = () => resolve(get.result?.value ?? {});
			});
			store.put({ key: 'app-settings', value: { ...current, maxCsvMb }, updatedAt: Date.now() });
			await new Promise((resolve) => (tx.oncomplete = resolve));
			db.close();
		},
		Math.ceil(bytes / (1024 * 1024)) + 1
	);
	await page.reload();
	const stage = (what) => process.stderr.write(`  ${new Date().toISOString()} ${what}\n`);
	stage('choosing the file');
	await page.getByLabel('CSV file', { exact: true }).setInputFiles(path);
	stage('waiting for Import to be enabled');
	const importButton = page.getByRole('button', { name: 'Import', exact: true });
	await importButton.waitFor();
	await page.waitForFunction(
		() => {
			const button = [...document.querySelectorAll('button')].find(
				(b) => b.textContent?.trim() === 'Import'
			);
			return button && !button.disabled;
		},
		undefined,
		{ timeout: 600_000 }
	);
	await page.evaluate(() => (window.__longTasks = []));
	const sampler = sampleMemory(page, await sharedWorkerHeap(browser, site.url));
	const dumps = breakdown ? await traceMemory(browser) : null;
	const started = Date.now();
	stage('importing');
	await importButton.click();
	await page
		.getByText(`Succeeded: ${rows.toLocaleString('en')}`, { exact: false })
		.or(page.getByText(`Succeeded: ${rows}`, { exact: false }))
		.first()
		.waitFor({ timeout: 3_600_000 });
	const importMs = Date.now() - started;
	const memory = await sampler.stop();
	const allocators = await dumps?.stop();
	const longTasks = await page.evaluate(() => window.__longTasks);
	const undoMs = await measureUndo(page, rows, stage);
	await context.close();
	return {
		importMs,
		undoMs,
		longTasks: longTasks.filter((d) => d > 50).length,
		longestTaskMs: Math.round(Math.max(0, ...longTasks)),
		...memory,
		breakdown: allocators ?? null
	};
}

/**
 * Undo of the import just made, as an admin does it: Undo import, confirmed in its dialog, until
 * the screen says what was undone. Timed from the confirmation.
 */
async function measureUndo(page, rows, stage) {
	stage('undoing');
	await page.getByRole('button', { name: 'Undo import' }).click();
	const confirm = page
		.getByRole('dialog', { name: 'Undo this import?' })
		.getByRole('button', { name: 'Undo the import' });
	await confirm.waitFor();
	const started = Date.now();
	await confirm.click();
	await page
		.getByText(`Undone: ${rows.toLocaleString('en')} users and`, { exact: false })
		.waitFor({ timeout: 3_600_000 });
	return Date.now() - started;
}

/** Samples page and worker JS heaps and the renderers' resident memory twice a second. */
function sampleMemory(page, sharedWorker) {
	let pageHeap = 0;
	let workerHeap = null;
	let rendererRss = 0;
	let rendererPrivate = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			pageHeap = Math.max(
				pageHeap,
				await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0).catch(() => 0)
			);
			const heap = (await sharedWorker?.usedBytes()) ?? null;
			if (heap !== null) workerHeap = Math.max(workerHeap ?? 0, heap);
			const renderer = rendererMemory();
			rendererRss = Math.max(rendererRss, renderer.rss);
			rendererPrivate = Math.max(rendererPrivate, renderer.private);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			await sharedWorker?.close();
			return { pageHeap, workerHeap, rendererRss, rendererPrivate };
		}
	};
}

/**
 * The largest resident set of a renderer of OUR browser (page and its workers live there), and the
 * largest private memory (resident anonymous plus swapped: what Chrome's task manager calls the
 * memory footprint; RSS also counts Chromium's own code, shared by every process). Only processes
 * descending from this script count, not the browsers of tests running beside it.
 */
function rendererMemory() {
	let largest = 0;
	let largestPrivate = 0;
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (!cmdline.includes('--type=renderer') || !descendsFromUs(pid)) continue;
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			const kB = (field) =>
				Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
			largest = Math.max(largest, kB('VmRSS'));
			largestPrivate = Math.max(largestPrivate, kB('RssAnon') + kB('VmSwap'));
		} catch {
			// the process ended while we looked
		}
	}
	return { rss: largest, private: largestPrivate };
}

function descendsFromUs(pid) {
	let current = Number(pid);
	while (current > 1) {
		if (current === process.pid) return true;
		const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
		// The parent pid is the second field after the parenthesised command name.
		current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	}
	return false;
}

/**
 * The floor: the same number of user and card records, shaped like the app's, written with raw
 * IndexedDB in transactions of 5 000 + 5 000 into a database with the same indexes.
 */
async function measureFloor(browser, site, rows, breakdown) {
	const context = await site.signedInContext(browser);
	const page = await context.newPage();
	await page.goto(`${site.url}/settings`);
	let peakRss = 0;
	let peakPrivate = 0;
	const rssTimer = setInterval(() => {
		const renderer = rendererMemory();
		peakRss = Math.max(peakRss, renderer.rss);
		peakPrivate = Math.max(peakPrivate, renderer.private);
	}, 500);
	const dumps = breakdown ? await traceMemory(browser) : null;
	const ms = await page.evaluate(
		async ({ rows, chunk }) => {
			const request = indexedDB.open('roster-floor', 1);
			request.onupgradeneeded = () => {
				const db = request.result;
				const users = db.createObjectStore('users', { keyPath: 'id' });
				users.createIndex('email', 'email');
				users.createIndex('phoneDigits', 'phoneDigits');
				const cards = db.createObjectStore('cards', { keyPath: 'number' });
				cards.createIndex('userId', 'userId');
			};
			const db = await new Promise((resolve, reject) => {
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			let spent = 0;
			const now = Date.now();
			for (let start = 1; start <= rows; start += chunk) {
				const users = [];
				const cards = [];
				for (let i = start; i < Math.min(rows + 1, start + chunk); i += 1) {
					const digits = String(1000000 + i).padStart(9, '0');
					users.push({
						id: `U${i}`,
						name: `Person ${i} Example`,
						email: `user${i}@example.org`,
						phone: `+1 555 ${digits}`,
						phoneDigits: `1555${digits}`,
						userType: 'Employee',
						department: `Department ${i % 20}`,
						title: `Title ${i % 7}`,
						createdAt: now,
						updatedAt: now,
						lastImportId: 'floor'
					});
					cards.push({
						number: String(4000000 + i),
						userId: `U${i}`,
						status: 'registered',
						validFrom: '2026-01-01',
						validTo: '2027-12-31',
						importId: 'floor',
						createdAt: now,
						updatedAt: now
					});
				}
				const began = performance.now();
				const tx = db.transaction(['users', 'cards'], 'readwrite');
				const userStore = tx.objectStore('users');
				const cardStore = tx.objectStore('cards');
				for (const user of users) userStore.put(user);
				for (const card of cards) cardStore.put(card);
				await new Promise((resolve, reject) => {
					tx.oncomplete = resolve;
					tx.onerror = () => reject(tx.error);
				});
				spent += performance.now() - began;
			}
			db.close();
			return spent;
		},
		{ rows, chunk: CHUNK }
	);
	const allocators = await dumps?.stop();
	await context.close();
	clearInterval(rssTimer);
	return { ms, peakRss, peakPrivate, breakdown: allocators ?? null };
}

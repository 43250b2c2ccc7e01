// npm run bench — performance of the real app in headless Chromium, as ratios measured in one
// run so the noise of a shared machine cancels. Not a test: it prints figures.
//   npm run bench                 40 000-row import ×3, 1 000 000-row import ×1, lists at 100 000
//   npm run bench -- --quick      40 000-row import ×1 only
//   npm run bench -- --only=import|lists|xlsx|mutations|sync|catchup|server-import   --runs=N   --million-runs=N   --list-users=N   --sync-users=N
//   (xlsx: a 40 000-row .xlsx from Upload to the Configure preview, ×runs; mutations: 500 user
//   creates through the site server on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set;
//   sync: a fresh browser's first sync of 100 000 users and their cards, against bulkPut of the same
//   records, with the server's memory meanwhile; catchup: how soon after an import's last chunk of
//   40 000 rows another admin's replica holds them all, and that page's long tasks meanwhile;
//   server-import: the import run by the site server, 40 000 rows ×runs and 1 000 000 ×million-runs,
//   against the same users and cards written in the same chunk transactions with no rules, and
//   the server's peak resident memory)
//   npm run bench -- --memory-breakdown      also dumps the renderer's memory by allocator (slower)
// The lists are measured at 100 000 and 1 000 000 users (one size with --list-users).
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { benchImport } from './bench/import.mjs';
import { benchLists } from './bench/lists.mjs';
import { benchMutations } from './bench/mutations.mjs';
import { benchXlsx } from './bench/xlsx.mjs';
import { startSiteServer } from './bench/server.mjs';
import { benchFirstSync } from './bench/first-sync.mjs';
import { benchCatchUp } from './bench/catch-up.mjs';
import { benchServerImport } from './bench/server-import.mjs';

const args = Object.fromEntries(
	process.argv.slice(2).map((arg) => {
		const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
		return [key, value];
	})
);
const quick = args.quick === 'true';
const runs = Number(args.runs ?? (quick ? 1 : 3));
const millionRuns = Number(args['million-runs'] ?? (quick ? 0 : 1));
const only = args.only;
const breakdown = args['memory-breakdown'] === 'true';
const listSizes = args['list-users']
	? [Number(args['list-users'])]
	: quick
		? [100_000]
		: [100_000, 1_000_000];
const dir = 'bench-results';
mkdirSync(dir, { recursive: true });

const lines = [];
const log = (line) => {
	console.log(line);
	lines.push(line);
};

console.log('Building the app…');
execSync('npm run build', { stdio: 'ignore' });
// BENCH_PORT lets a second bench run beside one already serving on the default port.
const benchPort = Number(process.env.BENCH_PORT ?? 4321);
// The browser benches run on the real server, signed in, on an empty site of their own.
const server = await startSiteServer({ port: benchPort });
const browser = await chromium.launch({
	executablePath:
		process.env.CHROMIUM_PATH ??
		(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
	args: [
		'--disable-background-networking',
		'--disable-component-update',
		'--no-first-run',
		'--enable-precise-memory-info'
	]
});
const summary = {};
try {
	if (!only || only === 'import') {
		summary.import40k = await benchImport({
			browser,
			site: server,
			rows: 40_000,
			runs,
			dir,
			log,
			breakdown
		});
		if (millionRuns > 0) {
			summary.import1m = await benchImport({
				browser,
				site: server,
				rows: 1_000_000,
				runs: millionRuns,
				dir,
				log,
				breakdown
			});
		}
	}
	if (!only || only === 'xlsx') {
		summary.xlsx40k = await benchXlsx({
			browser,
			site: server,
			rows: 40_000,
			runs,
			dir,
			log
		});
	}
	if (!only || only === 'mutations') {
		// Through the real server, on PGlite, and on PostgreSQL when BENCH_DATABASE_URL names one.
		const port = benchPort + 1;
		summary.mutations = [await benchMutations({ port, count: 500, log })];
		if (process.env.BENCH_DATABASE_URL) {
			summary.mutations.push(
				await benchMutations({
					port,
					databaseUrl: process.env.BENCH_DATABASE_URL,
					count: 500,
					log
				})
			);
		}
	}
	if (!only || only === 'sync') {
		// A first sync through the real server, on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set.
		const port = benchPort + 2;
		const users = Number(args['sync-users'] ?? 100_000);
		summary.firstSync = [await benchFirstSync({ browser, port, users, runs, log })];
		if (process.env.BENCH_DATABASE_URL) {
			summary.firstSync.push(
				await benchFirstSync({
					browser,
					port,
					users,
					runs,
					databaseUrl: process.env.BENCH_DATABASE_URL,
					log
				})
			);
		}
	}
	if (!only || only === 'catchup') {
		// Another admin's replica while an import's chunks arrive, on PGlite and on PostgreSQL.
		const port = benchPort + 3;
		const rows = 40_000;
		summary.catchUp = [await benchCatchUp({ browser, port, rows, runs, log })];
		if (process.env.BENCH_DATABASE_URL) {
			summary.catchUp.push(
				await benchCatchUp({
					browser,
					port,
					rows,
					runs,
					databaseUrl: process.env.BENCH_DATABASE_URL,
					log
				})
			);
		}
	}
	if (!only || only === 'server-import') {
		// The import run by the site server, against its floor on the same database, on PGlite and
		// on PostgreSQL when BENCH_DATABASE_URL is set: 40 000 rows ×runs, 1 000 000 ×million-runs.
		const port = benchPort + 4;
		const databases = [undefined, process.env.BENCH_DATABASE_URL].filter(
			(url, index) => index === 0 || url
		);
		summary.serverImport = [];
		for (const databaseUrl of databases) {
			for (const [rows, count] of [
				[40_000, runs],
				[1_000_000, millionRuns]
			]) {
				if (count > 0)
					summary.serverImport.push(
						await benchServerImport({ port, databaseUrl, rows, runs: count, dir, log })
					);
			}
		}
	}
	if (!only || only === 'lists') {
		summary.lists = {};
		for (const count of listSizes) {
			summary.lists[count] = await benchLists({ browser, site: server, count, log });
		}
	}
} finally {
	await browser.close();
	await server.stop();
}
writeFileSync(`${dir}/summary.json`, JSON.stringify(summary, null, 2));
writeFileSync(`${dir}/bench.log`, `${lines.join('\n')}\n`);
console.log(`\nWritten to ${dir}/summary.json`);

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateCsv, HEADER } from './generate.mjs';
import { startSiteServer } from './server.mjs';
import { mb, median } from './stats.mjs';

const PART = 1024 * 1024;
const ROWS_PER_CHUNK = 5000;

async function api(server, method, path, body, type = 'application/json') {
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers: {
			cookie: server.cookie,
			origin: server.url,
			...(body === undefined ? {} : { 'content-type': type })
		},
		body: body === undefined || type !== 'application/json' ? body : JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** Sends the file as the browser does (sync/upload-file.ts): create, then 1 MiB parts. */
async function upload(server, name, bytes) {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const { id } = await api(server, 'POST', '/api/uploads', { name, size: bytes.length, sha256 });
	for (let offset = 0; offset < bytes.length; offset += PART) {
		const part = bytes.subarray(offset, offset + PART);
		await api(
			server,
			'PUT',
			`/api/uploads/${id}?offset=${offset}`,
			part,
			'application/octet-stream'
		);
	}
	return id;
}

/**
 * The import of `rows` generated rows run by the real server (upload first, not timed), against
 * its floor measured on the same database right after (import-floor.ts): the job's own start to
 * end as the server records them, and the server's resident memory sampled meanwhile.
 */
export async function benchServerImport({ port, databaseUrl, rows, runs, dir, log }) {
	const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
	const { path, bytes } = await generateCsv(dir, rows);
	log(`## Server import on ${engine}: ${rows} rows (${mb(bytes)} MB), ${runs} run(s)`);
	const file = readFileSync(path);
	const jobSettings = JSON.parse(
		execFileSync('node_modules/.bin/tsx', ['scripts/bench/job-settings.ts', HEADER], {
			encoding: 'utf8'
		})
	);
	const results = [];
	for (let run = 1; run <= runs; run += 1) {
		const server = await startSiteServer({ port, databaseUrl });
		try {
			// The site's CSV limit raised for the large file, as its admin would.
			await api(server, 'POST', '/api/mutations', {
				id: crypto.randomUUID(),
				type: 'setting.put',
				key: 'app-settings',
				value: { ...jobSettings.appSettings, maxCsvMb: Math.max(5, Math.ceil(bytes / 1e6) + 1) }
			});
			const uploadId = await upload(server, `users-${rows}.csv`, file);
			const { id } = await api(server, 'POST', '/api/imports', {
				uploadId,
				totalRows: rows,
				...jobSettings.job
			});
			let job;
			// Polled only to know it ended: the times are the job's own, as the server wrote them.
			for (;;) {
				job = await api(server, 'GET', `/api/imports/${id}`);
				if (job.status !== 'running') break;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			// The high-water mark of the server's resident memory: its start, the upload and the run.
			const peak = server.memory().peak;
			if (job.status !== 'finished')
				throw new Error(`the job ended ${job.status}: ${JSON.stringify(job.error)}`);
			const importMs = job.finishedAt - job.createdAt;
			await server.halt();
			const floor = JSON.parse(
				execFileSync(
					'node_modules/.bin/tsx',
					['scripts/bench/import-floor.ts', String(ROWS_PER_CHUNK)],
					{ env: { ...process.env, ...server.env }, encoding: 'utf8' }
				)
					.trim()
					.split('\n')
					.pop()
			);
			const result = {
				importMs,
				floorMs: floor.ms,
				ratio: importMs / floor.ms,
				users: floor.users,
				cards: floor.cards,
				peakRssMb: Number(mb(peak))
			};
			results.push(result);
			log(
				`${engine} run ${run}: import ${(importMs / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s, ` +
					`${result.ratio.toFixed(2)} × (${floor.users} users, ${floor.cards} cards); server RSS peak ${result.peakRssMb} MB`
			);
		} finally {
			await server.stop();
		}
	}
	const summary = {
		engine,
		rows,
		ratioMedian: median(results.map((r) => r.ratio)),
		importMsMedian: median(results.map((r) => r.importMs)),
		peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
		runs: results
	};
	log(
		`${engine}: median ${summary.ratioMedian.toFixed(2)} × the floor (${(summary.importMsMedian / 1000).toFixed(2)} s), ` +
			`server RSS peak ${summary.peakRssMb} MB`
	);
	return summary;
}

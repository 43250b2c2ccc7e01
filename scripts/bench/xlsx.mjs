import { existsSync, statSync, writeFileSync } from 'node:fs';
import writeExcelFile from 'write-excel-file/node';
import { HEADER, generateCsv, row } from './generate.mjs';
import { pageWatchingLongTasks } from './long-tasks.mjs';
import { mb, median } from './stats.mjs';

/**
 * An .xlsx of the import bench's rows, typed as Excel would hold them: card numbers as number
 * cells, validity dates as date cells. Written once (kept between runs: writing takes a while).
 */
async function generateXlsx(dir, rows) {
	const path = `${dir}/users-${rows}.xlsx`;
	if (!existsSync(path)) {
		const header = HEADER.split(',');
		const card = header.indexOf('Card ID');
		const dates = [header.indexOf('Card start date'), header.indexOf('Card end date')];
		const data = [header];
		for (let i = 1; i <= rows; i += 1) {
			data.push(
				row(i)
					.split(',')
					.map((cell, c) =>
						c === card ? Number(cell) : dates.includes(c) ? new Date(`${cell}T00:00:00Z`) : cell
					)
			);
		}
		writeFileSync(path, await writeExcelFile(data, { dateFormat: 'yyyy-mm-dd' }).toBuffer());
	}
	return { path, bytes: statSync(path).size };
}

/**
 * From choosing an n-row .xlsx to its Configure preview on screen, and the page's long tasks
 * meanwhile (the workbook is read in the worker, so there should be none over 50 ms). The same
 * rows as a CSV are measured in the same run beside it: a loaded machine slows both alike.
 */
export async function benchXlsx({ browser, site, rows, runs, dir, log }) {
	const xlsx = await generateXlsx(dir, rows);
	const csv = await generateCsv(dir, rows);
	log(
		`\n## .xlsx of ${rows.toLocaleString('en')} rows (${(xlsx.bytes / (1024 * 1024)).toFixed(1)} MB) to the Configure preview, beside the same rows as CSV (${mb(csv.bytes)} MB), ${runs} run(s)`
	);
	const results = [];
	for (let run = 1; run <= runs; run += 1) {
		const workbook = await timeToPreview(browser, site, xlsx.path);
		const text = await timeToPreview(browser, site, csv.path);
		results.push({ ...workbook, csvMs: text.previewMs, csvLongTasks: text.longTasks });
		log(
			`run ${run}: .xlsx preview after ${(workbook.previewMs / 1000).toFixed(2)} s, long tasks over 50 ms ${workbook.longTasks} (longest ${workbook.longestTaskMs} ms); CSV ${(text.previewMs / 1000).toFixed(2)} s, long tasks ${text.longTasks} (longest ${text.longestTaskMs} ms)`
		);
	}
	const summary = {
		rows,
		fileMb: Number((xlsx.bytes / (1024 * 1024)).toFixed(1)),
		previewS: median(results.map((r) => r.previewMs)) / 1000,
		csvPreviewS: median(results.map((r) => r.csvMs)) / 1000,
		longTasks: median(results.map((r) => r.longTasks)),
		longestTaskMs: median(results.map((r) => r.longestTaskMs)),
		csvLongTasks: median(results.map((r) => r.csvLongTasks))
	};
	log(`median: ${JSON.stringify(summary)}`);
	return summary;
}

/** One upload (under the default 5 MB limit) in a fresh context: time to the preview's first user, and the long tasks. */
async function timeToPreview(browser, site, path) {
	const { context, page } = await pageWatchingLongTasks(browser, site);
	await page.goto(`${site.url}/import`);
	const input = page.getByLabel('CSV file', { exact: true });
	await input.waitFor();
	await page.evaluate(() => (window.__longTasks = []));
	const started = Date.now();
	await input.setInputFiles(path);
	await page
		.getByRole('table', { name: 'Preview' })
		.getByRole('cell', { name: 'Person 1 Example', exact: true })
		.waitFor({ timeout: 120_000 });
	const previewMs = Date.now() - started;
	const longTasks = await page.evaluate(() => window.__longTasks);
	await context.close();
	return {
		previewMs,
		longTasks: longTasks.filter((d) => d > 50).length,
		longestTaskMs: Math.round(Math.max(0, ...longTasks))
	};
}

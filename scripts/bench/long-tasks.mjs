// Main-thread long tasks (over 50 ms) of a bench page, as the browser reports them.

/** A fresh context and page that records every long task from its first script on. */
export async function pageWatchingLongTasks(browser, site) {
	const context = await site.signedInContext(browser);
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
		}).observe({ type: 'longtask', buffered: true });
	});
	return { context, page };
}

/**
 * Reads the JS heap of the import SharedWorker (not the site worker). Playwright lists only dedicated workers, so this
 * attaches to the worker through a browser-level CDP session and talks to it through
 * Target.sendMessageToTarget (Playwright's sessions cannot address a flattened child session).
 */
export async function sharedWorkerHeap(browser, baseURL) {
	const cdp = await browser.newBrowserCDPSession();
	const { targetInfos } = await cdp.send('Target.getTargets');
	const target = targetInfos.find(
		(t) =>
			t.type === 'shared_worker' && t.url.startsWith(baseURL) && t.url.includes('/workers/worker-')
	);
	if (!target) {
		await cdp.detach();
		return null;
	}
	const { sessionId } = await cdp.send('Target.attachToTarget', {
		targetId: target.targetId,
		flatten: false
	});
	let next = 1;
	const pending = new Map();
	cdp.on('Target.receivedMessageFromTarget', (event) => {
		if (event.sessionId !== sessionId) return;
		const message = JSON.parse(event.message);
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	});
	const call = (method) =>
		new Promise((resolve) => {
			const id = next++;
			pending.set(id, resolve);
			cdp
				.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
				.catch(() => resolve({}));
		});
	return {
		/** Bytes of the worker's JS heap in use, or null once it has gone. */
		async usedBytes() {
			const answer = await call('Runtime.getHeapUsage');
			return answer.result?.usedSize ?? null;
		},
		async close() {
			await cdp.detach().catch(() => undefined);
		}
	};
}

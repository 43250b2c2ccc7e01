/**
 * Where a renderer's memory goes, by Chromium's own accounting (memory-infra dumps over CDP):
 * V8 heaps of the page and of the workers, Blink's garbage-collected heap (Oilpan), PartitionAlloc
 * (ArrayBuffers, strings, DOM), malloc and the compositor. Resident size alone cannot say which of
 * these an app change would shrink. Opt-in (`--memory-breakdown`): the dumps slow the run down.
 */

/** Allocators reported, each as the sum of what it has reserved (`size`). */
const ALLOCATORS = [
	'v8/main',
	'v8/workers',
	'blink_gc/main',
	'blink_gc/workers',
	'partition_alloc/partitions',
	'malloc',
	'cc',
	'shared_memory'
];

/** Starts tracing memory dumps in `browser`; `sample()` takes one, `stop()` reports the largest. */
export async function traceMemory(browser, intervalMs = 10_000) {
	const cdp = await browser.newBrowserCDPSession();
	const events = [];
	cdp.on('Tracing.dataCollected', (event) => {
		for (const e of event.value) if (e.ph === 'v' && e.args?.dumps?.allocators) events.push(e);
	});
	await cdp.send('Tracing.start', {
		traceConfig: {
			includedCategories: ['disabled-by-default-memory-infra'],
			excludedCategories: ['*'],
			memoryDumpConfig: { triggers: [] }
		}
	});
	const sample = () =>
		cdp
			.send('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'detailed' })
			.catch(() => undefined);
	const timer = setInterval(sample, intervalMs);
	return {
		/**
		 * Stops, and returns the allocators of the renderer dump whose total was largest: the
		 * renderer is the process with V8 heaps; MB per allocator, and their total.
		 */
		async stop() {
			clearInterval(timer);
			await sample();
			const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
			await cdp.send('Tracing.end');
			await complete;
			await cdp.detach().catch(() => undefined);
			let largest = null;
			for (const event of events) {
				const allocators = event.args.dumps.allocators;
				if (!allocators['v8/main']) continue;
				const mb = Object.fromEntries(ALLOCATORS.map((name) => [name, sizeMb(allocators[name])]));
				const total = Object.values(mb).reduce((sum, value) => sum + value, 0);
				if (!largest || total > largest.total) largest = { ...mb, total };
			}
			return largest;
		}
	};
}

function sizeMb(dump) {
	return Math.round(parseInt(dump?.attrs?.size?.value ?? '0', 16) / 1048576);
}

/** `v8/workers 112 · blink_gc/workers 110 · …`, largest first. */
export function describeBreakdown(breakdown) {
	if (!breakdown) return 'no renderer dump';
	return Object.entries(breakdown)
		.filter(([name, value]) => name !== 'total' && value > 0)
		.sort((a, b) => b[1] - a[1])
		.map(([name, value]) => `${name} ${value}`)
		.join(' · ');
}

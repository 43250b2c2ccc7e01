import type { Browser, CDPSession } from '@playwright/test';

/** The import worker's script (`worker-<hash>.js`); the site worker's is `site-worker-<hash>.js`. */
export const IMPORT_WORKER = '/workers/worker-';

/**
 * A DevTools session with the app's shared import worker. Playwright has no handle on shared
 * workers, so this goes through the browser target (messages relayed by Target.sendMessageToTarget).
 */
export class SharedWorkerSession {
	#nextId = 1;
	readonly #pending = new Map<number, (reply: WorkerReply) => void>();

	private constructor(
		readonly cdp: CDPSession,
		readonly sessionId: string
	) {
		cdp.on('Target.receivedMessageFromTarget', (event) => {
			if (event.sessionId !== this.sessionId) return;
			const reply = JSON.parse(event.message) as WorkerReply;
			if (reply.id === undefined) return;
			this.#pending.get(reply.id)?.(reply);
			this.#pending.delete(reply.id);
		});
	}

	/** Attaches to the shared worker of `page`'s browser context whose script URL has `urlPart`. */
	static async attach(
		browser: Browser,
		page: CDPSession,
		urlPart: string
	): Promise<SharedWorkerSession> {
		const { targetInfo: pageTarget } = await page.send('Target.getTargetInfo');
		const cdp = await browser.newBrowserCDPSession();
		const { targetInfos } = await cdp.send('Target.getTargets');
		const target = targetInfos.find(
			(t) =>
				t.type === 'shared_worker' &&
				t.browserContextId === pageTarget.browserContextId &&
				t.url.includes(urlPart)
		);
		if (!target) throw new Error(`No shared worker whose URL has ${urlPart}`);
		const { sessionId } = await cdp.send('Target.attachToTarget', {
			targetId: target.targetId,
			flatten: false
		});
		return new SharedWorkerSession(cdp, sessionId);
	}

	/** Calls `fn` in the worker (it must use nothing from this file) and returns its value. */
	async evaluate<T>(fn: () => T): Promise<T> {
		const id = this.#nextId++;
		const reply = new Promise<WorkerReply>((resolve) => this.#pending.set(id, resolve));
		await this.cdp.send('Target.sendMessageToTarget', {
			sessionId: this.sessionId,
			message: JSON.stringify({
				id,
				method: 'Runtime.evaluate',
				params: { expression: `(${fn.toString()})()`, returnByValue: true, awaitPromise: true }
			})
		});
		const { result, error } = await reply;
		const failure =
			error?.message ??
			result?.exceptionDetails?.exception?.description ??
			result?.exceptionDetails?.text;
		if (failure !== undefined) throw new Error(`In the import worker: ${failure}`);
		return result?.result.value as T;
	}

	async detach(): Promise<void> {
		await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId });
		await this.cdp.detach();
	}
}

interface WorkerReply {
	id?: number;
	error?: { message: string };
	result?: {
		result: { value?: unknown };
		exceptionDetails?: { text?: string; exception?: { description?: string } };
	};
}

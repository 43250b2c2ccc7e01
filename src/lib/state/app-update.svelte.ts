import { Workbox } from 'workbox-window';

/**
 * The service worker's life as the UI sees it: registered through workbox-window, and an update
 * that waits until the admin chooses to reload (never reloads by itself: an import may be running).
 */
export class AppUpdate {
	updateReady = $state(false);
	#workbox: Workbox | undefined;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const workbox = new Workbox('/sw.js', { scope: '/' });
		workbox.addEventListener('waiting', () => {
			this.updateReady = true;
		});
		this.#workbox = workbox;
		await workbox.register();
	}

	/** Activates the waiting service worker, then reloads once it controls the page. */
	reload(): void {
		const workbox = this.#workbox;
		if (!workbox) return;
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}

	dismiss(): void {
		this.updateReady = false;
	}
}

export const appUpdate = new AppUpdate();

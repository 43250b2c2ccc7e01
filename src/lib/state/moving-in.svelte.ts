/**
 * Moving in (issue "One site, every admin"): a browser that holds a site from the browser-only
 * version offers its owner, once, to upload it into the site when the site is empty. The upload
 * is this browser's own backup (db/backup.ts) restored through the server, so it passes the
 * same checks as any restore; afterwards the records come back from the feed and the local copy
 * is the site's replica.
 */
import { backUp } from '$lib/db/backup';
import { browserOnlySite, type LocalSite } from '$lib/db/browser-only-site';
import { database } from '$lib/db/database';
import type { AppError } from '$lib/domain/errors';
import { restoreSiteBackup, siteContents } from './site-backup';

/** Remembered per browser: the offer is made until it is taken or dismissed, never after. */
const ANSWERED_KEY = 'roster.moving-in';

export class MovingIn {
	offer = $state<LocalSite | null>(null);
	busy = $state(false);
	failure = $state<AppError | null>(null);
	done = $state<string | null>(null);

	/** Makes the offer when this browser holds a browser-only site, the site is empty and I own it. */
	async check(): Promise<void> {
		if (localStorage.getItem(ANSWERED_KEY) !== null) return;
		const local = await browserOnlySite(database());
		if (local === null) return;
		const site = await siteContents();
		if (!site.ok || !site.value.owner || site.value.users > 0 || site.value.cards > 0) return;
		this.offer = local;
	}

	async accept(): Promise<void> {
		if (this.offer === null) return;
		this.busy = true;
		this.failure = null;
		try {
			const file = await backUp(database());
			const restored = file.ok ? await restoreSiteBackup(file.value) : file;
			if (!restored.ok) {
				this.failure = restored.errors[0] ?? null;
				return;
			}
			localStorage.setItem(ANSWERED_KEY, 'moved');
			const { users = 0, cards = 0 } = restored.value.restored;
			this.done = `Moved ${users} users and ${cards} cards into the site.`;
			this.offer = null;
		} finally {
			this.busy = false;
		}
	}

	dismiss(): void {
		localStorage.setItem(ANSWERED_KEY, 'dismissed');
		this.offer = null;
	}
}

export const movingIn = new MovingIn();

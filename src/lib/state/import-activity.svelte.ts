import { createSubscriber } from 'svelte/reactivity';
import type { ImportSession } from '$lib/domain/import-session';
import { locks } from '$lib/domain/import-lifecycle';
import { liveLease, type SiteLease } from '$lib/domain/site-lease';
import { database } from '$lib/db/database';
import { SITE_LEASE_KEY } from '$lib/db/guard';
import { currentImport } from './current-import.svelte';
import { LiveValue } from './live-value.svelte';

/** How often a shown lease is checked for expiry (its holder died without releasing it). */
const EXPIRY_CHECK_MS = 5_000;

/**
 * Whether an import holds the guard right now, seen from this tab: a run of this browser, or
 * another admin's run anywhere on the site (its lease, as the feed brings it). Screens disable
 * every control that would write users or cards while `locked` is true; the repositories and the
 * server refuse such writes anyway, this only keeps the admin from trying.
 */
class ImportActivity {
	readonly #storedLease = new LiveValue<SiteLease | null>(
		async () =>
			((await database().settings.get(SITE_LEASE_KEY))?.value as SiteLease | null) ?? null,
		null
	);
	/** Ticks while some screen shows a lease, so an expired one disappears without a reload. */
	readonly #clock = createSubscriber((update) => {
		const timer = setInterval(update, EXPIRY_CHECK_MS);
		return () => clearInterval(timer);
	});

	/**
	 * The session holding the guard, if any. Only the newest session can: a new file is refused
	 * while any session has run, so an older one is at most being configured.
	 */
	get session(): ImportSession | undefined {
		const session = currentImport.session;
		return session && locks(session.status) ? session : undefined;
	}

	/** A run elsewhere holding the site: another admin's, or this admin's in another browser. */
	get siteLease(): SiteLease | null {
		this.#clock();
		const lease = liveLease(this.#storedLease.current, Date.now());
		return lease && lease.holder !== currentImport.session?.id ? lease : null;
	}

	get locked(): boolean {
		return this.session !== undefined || this.siteLease !== null;
	}

	/** The file of the run that holds the guard, for the screens' notices. */
	get lockedBy(): string {
		return this.session?.fileName ?? this.siteLease?.fileName ?? 'a file';
	}
}

export const importActivity = new ImportActivity();

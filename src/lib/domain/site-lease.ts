/**
 * The site's import lease: while one admin's import (or its undo, its fixed rows, its card
 * issuing) runs, it holds the site, and every other admin's user and card writes are refused
 * (docs/architecture.md, "The site-wide import lock"). Shared by the server, which keeps the lease
 * and refuses, and the browser, which shows it on every admin's screens.
 */
import type { SessionStatus } from './import-lifecycle';
import { undoProgress, type ImportSession } from './import-session';

/** How long a lease lives without its holder renewing it: a browser that died frees the site. */
export const LEASE_TTL_MS = 60_000;

export const LEASE_ACTIVITIES = ['import', 'undo', 'fix', 'issuing'] as const;
export type LeaseActivity = (typeof LEASE_ACTIVITIES)[number];

/** What a browser claims (or renews) the lease for; `holder` is its import session's id. */
export interface LeaseClaim {
	holder: string;
	activity: LeaseActivity;
	fileName: string;
	done: number;
	total: number;
}

/** The lease as the server keeps it and the feed carries it. */
export interface SiteLease extends LeaseClaim {
	adminId: string | null;
	adminName: string;
	since: number;
	expiresAt: number;
}

const ACTIVITY_WORDS: Record<LeaseActivity, { what: string; unit: string }> = {
	import: { what: 'Import in progress', unit: 'rows' },
	undo: { what: 'Undo of an import in progress', unit: 'chunks' },
	fix: { what: 'Import of fixed rows in progress', unit: 'rows' },
	issuing: { what: 'Card issuing in progress', unit: 'users' }
};

const count = (n: number): string => n.toLocaleString('en');

/** The words of a lease's summary, for screens that isolate the names it quotes. */
export function leaseWords(lease: SiteLease): { what: string; progress: string } {
	const words = ACTIVITY_WORDS[lease.activity];
	const progress =
		lease.total > 0 ? `${count(lease.done)} of ${count(lease.total)} ${words.unit}` : '';
	return { what: words.what, progress };
}

/** "Import in progress — staff.csv by Ada Admin, 1,000 of 40,000 rows". */
export function leaseSummary(lease: SiteLease): string {
	const { what, progress } = leaseWords(lease);
	return `${what} — ${lease.fileName} by ${lease.adminName}${progress ? `, ${progress}` : ''}`;
}

/** The lease while it is live, or null: an expired one (its holder died) frees the site. */
export function liveLease(lease: SiteLease | null | undefined, now: number): SiteLease | null {
	return lease && lease.expiresAt > now ? lease : null;
}

const ACTIVITY_OF: Partial<Record<SessionStatus, LeaseActivity>> = {
	running: 'import',
	undoing: 'undo',
	fixing: 'fix',
	issuing: 'issuing'
};

/**
 * The lease a session's run claims while it holds the import guard, with how far it has got;
 * null for a session that holds nothing (being configured, done).
 */
export function claimOf(session: ImportSession): LeaseClaim | null {
	const activity = ACTIVITY_OF[session.status];
	if (!activity) return null;
	const progress =
		activity === 'import'
			? { done: session.cursor.rows, total: session.totalRows ?? 0 }
			: activity === 'undo'
				? undoProgress(session)
				: { done: 0, total: 0 };
	return { holder: session.id, activity, fileName: session.fileName, ...progress };
}

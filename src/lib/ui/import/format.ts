import { userAndCardCounts, type ImportCounters } from '$lib/domain/import-session';

/**
 * Time left as an admin reads it: "a few seconds", "less than a minute", "about 3 min". Never
 * "0 s" while rows remain; null when the run has not gone far enough to estimate.
 */
export function timeLeftText(secondsLeft: number | null): string | null {
	if (secondsLeft === null) return null;
	if (secondsLeft < 10) return 'a few seconds left';
	if (secondsLeft < 60) return 'less than a minute left';
	const minutes = Math.round(secondsLeft / 60);
	if (minutes < 60) return `about ${minutes} min left`;
	return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** `1 user`, `40 users`. */
function many(count: number, one: string): string {
	return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/**
 * What an import did (or will do) to users and cards, apart: `{ created: '40 users, 89 cards',
 * … }`. A session stored before cards were counted says users only.
 */
export function userAndCardParts(
	counters: ImportCounters
): Record<'created' | 'updated' | 'kept', string> {
	const { users, cards } = userAndCardCounts(counters);
	const part = (key: 'created' | 'updated' | 'kept') =>
		cards ? `${many(users[key], 'user')}, ${many(cards[key], 'card')}` : many(users[key], 'user');
	return { created: part('created'), updated: part('updated'), kept: part('kept') };
}

/** `Created 40 users, 89 cards · updated 0 users, 0 cards · kept 0 users, 0 cards` */
export function userAndCardSummary(counters: ImportCounters): string {
	const p = userAndCardParts(counters);
	return `Created ${p.created} · updated ${p.updated} · kept ${p.kept}`;
}

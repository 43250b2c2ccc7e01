import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTERS } from '$lib/domain/import-session';
import { timeLeftText, userAndCardSummary } from './format';

describe('time left', () => {
	it('never says 0 s while rows remain', () => {
		expect(timeLeftText(0)).toBe('a few seconds left');
		expect(timeLeftText(0.4)).toBe('a few seconds left');
		expect(timeLeftText(42)).toBe('less than a minute left');
		expect(timeLeftText(150)).toBe('about 3 min left');
		expect(timeLeftText(3_900)).toBe('about 1 h 5 min left');
		expect(timeLeftText(null)).toBeNull();
	});
});

describe('users and cards', () => {
	it('counts them apart, and users only for a session stored before cards were counted', () => {
		expect(
			userAndCardSummary({
				...EMPTY_COUNTERS,
				created: 89,
				usersCreated: 40,
				cardsCreated: 89,
				usersKept: 1,
				cardsKept: 1
			})
		).toBe('Created 40 users, 89 cards · updated 0 users, 0 cards · kept 1 user, 1 card');
		expect(userAndCardSummary({ created: 20, updated: 0, kept: 1, failed: 0, skipped: 0 })).toBe(
			'Created 20 users · updated 0 users · kept 1 user'
		);
	});
});

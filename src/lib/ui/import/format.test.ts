import { describe, expect, it } from 'vitest';
import { timeLeftText } from './format';

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

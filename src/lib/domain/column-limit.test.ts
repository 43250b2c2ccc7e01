import { describe, expect, it } from 'vitest';
import { checkColumnCount, MAX_COLUMNS } from './column-limit';

const row = (width: number): string[] => Array.from({ length: width }, (_, i) => `c${i}`);

describe('checkColumnCount', () => {
	it('accepts rows up to the limit', () => {
		expect(checkColumnCount([row(3), row(MAX_COLUMNS)]).ok).toBe(true);
		expect(checkColumnCount([]).ok).toBe(true);
	});

	it('refuses the widest row past the limit, naming it and what to do', () => {
		const checked = checkColumnCount([row(2), row(MAX_COLUMNS + 1), row(50_000)]);
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		const [error] = checked.errors;
		expect(error?.code).toBe('TOO_MANY_COLUMNS');
		expect(error?.detail).toEqual({ row: 3, columns: 50_000 });
		expect(error?.message).toContain('Row 3 of the file has 50,000 columns');
		expect(error?.message).toContain('at most 1,000');
		expect(error?.message).toContain('Delimiter');
	});
});

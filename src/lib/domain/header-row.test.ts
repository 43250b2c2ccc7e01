import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHeaderRow } from './header-row';

describe('detectHeaderRow', () => {
	it('finds a header below a title and a blank line', () => {
		const rows = [
			['Staff export — 2 December 2026'],
			[''],
			['User ID', 'Name', 'Email', 'Phone', 'Card ID'],
			['1001', 'Ana Lee', 'ana@example.org', '+82 10 7946 0004', '4000037']
		];
		expect(detectHeaderRow(rows)).toBe(3);
	});

	it('keeps row 1 for an ordinary file and for one with no header at all', () => {
		expect(
			detectHeaderRow([
				['Name', 'Email'],
				['Ana Lee', 'ana@example.org']
			])
		).toBe(1);
		expect(
			detectHeaderRow([
				['Ana Lee', 'ana@example.org'],
				['Bo Kim', 'bo@example.org']
			])
		).toBe(1);
		expect(detectHeaderRow([])).toBe(1);
	});

	it('never takes a row of data, even one whose text names a field', () => {
		// "Name" is a field's name, but the row holds an address and a number: it is data.
		const rows = [
			['Report'],
			['Name', 'ana@example.org', '1001'],
			['Full name', 'E-mail', 'Card number']
		];
		expect(detectHeaderRow(rows)).toBe(3);
	});

	it('does not move off row 1 for a lone word that happens to name a field', () => {
		// "cell" is an alias of Phone; a row naming only that is a title or data, not a header.
		expect(detectHeaderRow([['User ID|Name|Email'], ['-'], ['cr\rcell']])).toBe(1);
		expect(detectHeaderRow([['Export'], ['Phone', 'Notes']])).toBe(1);
		expect(detectHeaderRow([['Export'], ['Name', 'Notes']])).toBe(2);
	});

	it('prefers the row that maps the most fields, the earliest on a tie', () => {
		const rows = [['Department'], ['Name', 'Email', 'Department'], ['Name', 'Email', 'Title']];
		expect(detectHeaderRow(rows)).toBe(2);
	});

	it('always answers a row of the file (or 1)', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.string(), { maxLength: 6 }), { maxLength: 14 }), (rows) => {
				const row = detectHeaderRow(rows);
				expect(row).toBeGreaterThanOrEqual(1);
				expect(row).toBeLessThanOrEqual(Math.max(1, Math.min(rows.length, 10)));
			})
		);
	});
});

import { describe, expect, it } from 'vitest';
import { emptyMapping } from '$lib/domain/mapping';
import type { ImportSession } from '$lib/domain/import-session';
import { gridColumns, gridRow, isEdited, problemsByField } from './failed-rows';

describe('the failed-rows grid helpers', () => {
	it('has a column per mapped field, in the catalogue order, with its cell index', () => {
		const mapping = { ...emptyMapping(), email: 0, userId: 2, name: 1 };
		expect(gridColumns({ mapping } as ImportSession)).toEqual([
			{ field: 'userId', label: 'User ID', index: 2 },
			{ field: 'name', label: 'Name', index: 1 },
			{ field: 'email', label: 'Email', index: 0 }
		]);
	});

	it('groups a row’s problems by field, so each cell points at one reason', () => {
		expect(
			problemsByField([
				{ field: 'email', message: 'a' },
				{ field: null, message: 'b' },
				{ field: 'email', message: 'c' }
			])
		).toEqual([
			{ field: 'email', text: 'a; c' },
			{ field: null, text: 'b' }
		]);
	});

	it('is edited only while its cells differ from the stored ones (a short row padded with blanks)', () => {
		const row = gridRow({ row: 3, cells: ['1', 'Bo'], error: 'Name is missing' });
		expect(row.problems).toEqual([{ field: null, message: 'Name is missing' }]);
		expect(isEdited(row)).toBe(false);
		expect(isEdited({ ...row, cells: ['1', 'Bo', ''] })).toBe(false);
		expect(isEdited({ ...row, cells: ['1', 'Bob'] })).toBe(true);
	});
});

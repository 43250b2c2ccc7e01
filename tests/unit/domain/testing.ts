/** Shared builders for the domain tests (not used by the app). */
import type { ImportSettings } from '../../../src/lib/domain/import-settings';
import { FIELD_KEYS, type FieldKey } from '../../../src/lib/domain/fields';
import { emptyMapping, type Mapping } from '../../../src/lib/domain/mapping';
import type { IsoDate } from '../../../src/lib/domain/model';

export const SETTINGS: ImportSettings = {
	overwrite: 'keep',
	cardIdType: 'decimal',
	startDate: '2026-01-01' as IsoDate,
	endDate: '2026-12-31' as IsoDate,
	dateFormat: 'YYYY-MM-DD',
	headerRow: 1
};

/** The identity mapping: column i is the i-th field of FIELD_KEYS. */
export const FULL_MAPPING: Mapping = {
	...emptyMapping(),
	...(Object.fromEntries(FIELD_KEYS.map((k, i) => [k, i])) as Record<FieldKey, number>)
};

/** A row of cells in FIELD_KEYS order from named values. */
export function cellsOf(values: Partial<Record<FieldKey, string>>): string[] {
	return FIELD_KEYS.map((k) => values[k] ?? '');
}

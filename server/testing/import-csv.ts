import { defaultImportSettings } from '../../src/lib/domain/import-settings';
import { autoMap } from '../../src/lib/domain/mapping';
import type { IsoDate } from '../../src/lib/domain/model';
import type { JobSettings } from '../import/jobs';

export const IMPORT_HEADER = ['User ID', 'Name', 'Email', 'User type', 'Card ID'];

/**
 * A CSV of `rows` data rows for the server import suites: every 50th row is a later row of the
 * row before (its User ID again, another card: it adds a card to that user), every 97th has an
 * email that is not one (it fails), the rest are new users with a card each.
 */
export function importCsv(rows: number): string {
	const lines = [IMPORT_HEADER.join(',')];
	for (let i = 1; i <= rows; i += 1) {
		const card = 5_000_000 + i * 7;
		if (i % 50 === 0) {
			lines.push(`${100_000 + i - 1},,,,${card}`);
			continue;
		}
		const email = i % 97 === 0 ? `not-an-email-${i}` : `p${i}@example.org`;
		lines.push(`${100_000 + i},Person ${i},${email},Employee,${card}`);
	}
	return `${lines.join('\n')}\n`;
}

export const IMPORT_TODAY = '2026-11-26' as IsoDate;

/** How the suites' CSV is read and judged: as the browser's Configure would choose for it. */
export const IMPORT_SETTINGS: JobSettings = {
	encoding: 'utf-8',
	bomLength: 0,
	delimiter: ',',
	settings: defaultImportSettings(IMPORT_TODAY),
	mapping: autoMap(IMPORT_HEADER)
};

/**
 * Every user as one CSV file in the template's format: the records read here in chunks, the lines
 * written by src/lib/domain/user-export.ts.
 */
import type { Card } from '$lib/domain/model';
import { CSV_BOM, csvLine } from '$lib/domain/result-files';
import { cardsByHolder, EXPORT_HEADER, userExportLines } from '$lib/domain/user-export';
import type { RosterDatabase } from './database';
import { readCards, readUsers } from './directory';

/** Every user as one CSV Blob, card numbers written as they were entered. */
export async function exportUsersCsv(db: RosterDatabase): Promise<Blob> {
	const cards: Card[] = [];
	await readCards(db, (chunk) => cards.push(...chunk));
	const byUser = cardsByHolder(cards);
	const parts: string[] = [CSV_BOM, csvLine(EXPORT_HEADER)];
	await readUsers(db, (users) => parts.push(userExportLines(users, byUser).join('')));
	return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

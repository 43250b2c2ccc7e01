/**
 * Export users as a CSV in the template's format (the field labels as header, one row per card or
 * one row per user without a card, UTF-8 with BOM, every cell quoted and formula-escaped), so
 * the file can be edited and imported again: unchanged, it re-imports with no changes. A user with
 * two or more cards is the exception: the import takes one card a user, so their later rows fail
 * as repeated User IDs (User IDs are unique in a file, DESIGN.md section 5).
 */
import { FIELD_KEYS, FIELDS } from '$lib/domain/fields';
import type { Card, User } from '$lib/domain/model';
import { CSV_BOM, csvLine, displayUserValues } from '$lib/domain/result-files';
import type { RosterDatabase } from './database';
import { readCards, readUsers } from './directory';

export const EXPORT_HEADER: readonly string[] = FIELD_KEYS.map((key) => FIELDS[key].label);

/**
 * The CSV lines (without BOM or header) of `users`, their cards sorted by number, each card
 * written as it was entered.
 */
export function userExportLines(
	users: readonly User[],
	cardsByUser: ReadonlyMap<string, readonly Card[]>
): string[] {
	const lines: string[] = [];
	for (const user of users) {
		const cards = cardsByUser.get(user.id) ?? [];
		if (cards.length === 0) {
			lines.push(csvLine(displayUserValues(user, null, FIELD_KEYS)));
		}
		for (const card of cards) {
			lines.push(csvLine(displayUserValues(user, card, FIELD_KEYS)));
		}
	}
	return lines;
}

/** Groups cards by holder, each holder's cards in canonical number order. */
export function cardsByHolder(cards: readonly Card[]): Map<string, Card[]> {
	const byUser = new Map<string, Card[]>();
	for (const card of cards) {
		const list = byUser.get(card.userId);
		if (list) list.push(card);
		else byUser.set(card.userId, [card]);
	}
	const numeric = (a: Card, b: Card) =>
		a.number.length - b.number.length || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
	for (const list of byUser.values()) list.sort(numeric);
	return byUser;
}

/** Every user as one CSV Blob, card numbers written as they were entered. */
export async function exportUsersCsv(db: RosterDatabase): Promise<Blob> {
	const cards: Card[] = [];
	await readCards(db, (chunk) => cards.push(...chunk));
	const byUser = cardsByHolder(cards);
	const parts: string[] = [CSV_BOM, csvLine(EXPORT_HEADER)];
	await readUsers(db, (users) => parts.push(userExportLines(users, byUser).join('')));
	return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** `roster-users-2026-05-01.csv` */
export function exportFileName(today: string): string {
	return `roster-users-${today}.csv`;
}

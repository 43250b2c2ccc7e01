/**
 * The users export as CSV lines in the template's format (the field labels as header, one row per
 * card or one row per user without a card, every cell quoted and formula-escaped), so the file can
 * be edited and imported again: unchanged, it re-imports with no changes and no failures. A user
 * with several cards has one row per card, each repeating the user's cells: the import adds a
 * later row's card to the user of its first row (docs/architecture.md, "Several cards per user").
 * One row per card rather than one cell of numbers, because each card keeps its own validity
 * dates. src/lib/db/user-export.ts reads the records.
 */
import { FIELD_KEYS, FIELDS } from './fields';
import type { Card, User } from './model';
import { csvLine, displayUserValues } from './result-files';

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
			lines.push(csvLine(displayUserValues(user, [], FIELD_KEYS)));
		}
		for (const card of cards) {
			lines.push(csvLine(displayUserValues(user, [card], FIELD_KEYS)));
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

/** `roster-users-2026-05-01.csv` */
export function exportFileName(today: string): string {
	return `roster-users-${today}.csv`;
}

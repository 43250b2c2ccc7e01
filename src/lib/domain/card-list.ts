/**
 * A Card ID cell may hold several cards of one user: `1001/1002`, `1001; 1002`, `1001|1002`
 * (docs/architecture.md, "Field rules"). When `;` or `|` is the file's delimiter it never reaches
 * a cell, so the other separators still work.
 */
import { readCardNumber, type EnteredCardNumber } from './card-number';
import { quote } from './field-rules';
import type { CardIdType } from './model';
import { fail, ok, type Result } from './result';

/** What separates two card numbers in one cell. */
export const CARD_SEPARATORS = /[/;|]/;

/** The card numbers written in a cell, trimmed; empty parts (`1001/`) are left out. */
export function splitCardCell(value: string): string[] {
	return value
		.split(CARD_SEPARATORS)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Every card of a cell in the chosen type, or all the cell's problems. */
export function readCardList(value: string, type: CardIdType): Result<EnteredCardNumber[], string> {
	const cards: EnteredCardNumber[] = [];
	const problems: string[] = [];
	const written = new Map<string, string>();
	for (const part of splitCardCell(value)) {
		const read = readCardNumber(part, type);
		if (!read.ok) {
			problems.push(...read.errors);
			continue;
		}
		const twin = written.get(read.value.number);
		if (twin !== undefined) {
			const same =
				twin === part ? 'is written twice in the cell' : `is the same card as ${quote(twin)}`;
			problems.push(`Card ID ${quote(part)} ${same}: write each card once`);
			continue;
		}
		written.set(read.value.number, part);
		cards.push(read.value);
	}
	return problems.length > 0 ? fail(...problems) : ok(cards);
}

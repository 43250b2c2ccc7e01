import { describe, expect, it } from 'vitest';
import { CardCellTally, cardTypeWarning } from './card-type-check';
import type { CardIdType } from './model';

/** The warning for these card cells (rows numbered from 2, blank cells skipped as the engine does). */
function warning(cells: readonly string[], type: CardIdType): string | null {
	const tally = new CardCellTally();
	cells.forEach((cell, i) => tally.add(cell, i + 2));
	return cardTypeWarning(tally, type);
}

describe('cardTypeWarning', () => {
	it('warns when every card is decimal digits under Hexadecimal, naming both readings of the first', () => {
		expect(warning(['4000037', ' 4000038 ', ''], 'hexadecimal')).toBe(
			'Every card ID in this file is made of decimal digits, but Card ID type is Hexadecimal: 4000037 would be stored as 67108919. Choose Decimal if these are decimal numbers.'
		);
	});

	it('names the first card both types can read', () => {
		expect(warning(['0', '99999999999999999999', '12'], 'hexadecimal')).toContain(
			'12 would be stored as 18.'
		);
	});

	it('says nothing of hex files, even when some hex numbers have no letter', () => {
		expect(warning(['D23F0824', '12345678', '0x1a'], 'hexadecimal')).toBeNull();
		expect(warning(['0x1234'], 'hexadecimal')).toBeNull();
	});

	it('says nothing of decimal files under Decimal', () => {
		expect(warning(['4000037', '0004000038'], 'decimal')).toBeNull();
	});

	it('says nothing when there are no card cells, or none either type reads', () => {
		expect(warning([], 'hexadecimal')).toBeNull();
		expect(warning([], 'decimal')).toBeNull();
		expect(warning(['', ''], 'hexadecimal')).toBeNull();
		expect(warning(['12-34', 'G1'], 'decimal')).toBeNull();
		expect(warning(['0'], 'hexadecimal')).toBeNull();
	});

	it('warns when every card is hex under Decimal, with the hex reading', () => {
		expect(warning(['', 'D23F0824', 'e8e25d94'], 'decimal')).toBe(
			'Every card ID in this file is hexadecimal, but Card ID type is Decimal: D23F0824 (row 3) cannot be read as decimal, so every card fails. Choose Hexadecimal if these are hexadecimal numbers: D23F0824 would be stored as 3527346212.'
		);
	});

	it('warns of a file that no one type fits, with both readings of a digits-only card', () => {
		expect(warning(['4000037', 'D23F0824', '4000038'], 'decimal')).toBe(
			'This file mixes card IDs with the letters A–F or 0x (1 card, the first D23F0824 on row 3) and card IDs of decimal digits only (2 cards). Card ID type applies to the whole file: as Decimal, the card with letters fails; as Hexadecimal, D23F0824 would be stored as 3527346212 and 4000037 (row 2) as 67108919 instead of 4000037. Choose Hexadecimal if they are all hexadecimal; otherwise import the cards of each type in a separate file.'
		);
	});
});

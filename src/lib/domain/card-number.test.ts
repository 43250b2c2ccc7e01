import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cardNumberFromAnyInput,
	formatCardNumber,
	parseCardNumber,
	readCardNumber,
	showCardNumber
} from './card-number';
import type { CardNumber } from './model';
import type { Result } from './result';

const value = <T>(r: Result<T, string>) => (r.ok ? r.value : r.errors);

describe('parseCardNumber', () => {
	it('reads decimal digits into the canonical form (no leading zeros)', () => {
		expect(value(parseCardNumber(' 0009000014 ', 'decimal'))).toBe('9000014');
		expect(value(parseCardNumber('18446744073709551615', 'decimal'))).toBe('18446744073709551615');
	});
	it('reads hex with or without 0x, any case, beyond 2^53 exactly', () => {
		expect(value(parseCardNumber('0x00FF10', 'hexadecimal'))).toBe('65296');
		expect(value(parseCardNumber('0XdeadBEEF', 'hexadecimal'))).toBe('3735928559');
		expect(value(parseCardNumber('04A1B2C3D4E5F6', 'hexadecimal'))).toBe(String(0x04a1b2c3d4e5f6n));
		expect(value(parseCardNumber('FFFFFFFFFFFFFFFF', 'hexadecimal'))).toBe('18446744073709551615');
	});
	it('explains a hex-looking value in Decimal', () => {
		expect(value(parseCardNumber('12AB', 'decimal'))).toEqual([
			'Card ID "12AB" is not a decimal number — choose Hexadecimal if your cards are hex'
		]);
		expect(value(parseCardNumber('0x1', 'decimal'))).toEqual([
			'Card ID "0x1" is not a decimal number — choose Hexadecimal if your cards are hex'
		]);
		expect(value(parseCardNumber('12-34', 'decimal'))).toEqual([
			'Card ID "12-34" is not a decimal number — use digits only'
		]);
		expect(value(parseCardNumber('-5', 'decimal'))).toHaveLength(1);
		expect(value(parseCardNumber('1.5', 'decimal'))).toHaveLength(1);
	});
	it('refuses what is not hex in Hexadecimal', () => {
		expect(value(parseCardNumber('12G4', 'hexadecimal'))).toEqual([
			'Card ID "12G4" is not a hexadecimal number — use 0–9 and A–F, optionally after 0x'
		]);
		expect(parseCardNumber('0x', 'hexadecimal').ok).toBe(false);
	});
	it('refuses zero and values over 64 bits', () => {
		expect(value(parseCardNumber('0', 'decimal'))).toEqual([
			'Card ID "0" is zero — card numbers start at 1'
		]);
		expect(value(parseCardNumber('0x000', 'hexadecimal'))).toEqual([
			'Card ID "0x000" is zero — card numbers start at 1'
		]);
		expect(value(parseCardNumber('18446744073709551616', 'decimal'))).toEqual([
			'Card ID "18446744073709551616" is larger than 64 bits (the largest card number is 18446744073709551615)'
		]);
		expect(value(parseCardNumber('1FFFFFFFFFFFFFFFF', 'hexadecimal'))).toEqual([
			'Card ID "1FFFFFFFFFFFFFFFF" is larger than 64 bits (the largest card number is FFFFFFFFFFFFFFFF)'
		]);
	});
});

describe('formatCardNumber', () => {
	it('shows hex upper-case without 0x or padding', () => {
		expect(formatCardNumber('65296' as CardNumber, 'hexadecimal')).toBe('FF10');
		expect(formatCardNumber('65296' as CardNumber, 'decimal')).toBe('65296');
	});
	it('round-trips decimal ↔ hex for every value 1..2^64−1', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), (n) => {
				const canonical = String(n) as CardNumber;
				const hex = formatCardNumber(canonical, 'hexadecimal');
				expect(value(parseCardNumber(hex, 'hexadecimal'))).toBe(canonical);
				expect(value(parseCardNumber(`0x${hex.toLowerCase()}`, 'hexadecimal'))).toBe(canonical);
				expect(value(parseCardNumber(formatCardNumber(canonical, 'decimal'), 'decimal'))).toBe(
					canonical
				);
			})
		);
	});
	it('never throws on arbitrary text', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				parseCardNumber(text, 'decimal');
				parseCardNumber(text, 'hexadecimal');
				cardNumberFromAnyInput(text);
			})
		);
	});
});

describe('cardNumberFromAnyInput', () => {
	it('offers both readings of an all-digit term, only hex for letters', () => {
		expect(cardNumberFromAnyInput('10')).toEqual(['10', '16']);
		expect(cardNumberFromAnyInput('1A')).toEqual(['26']);
		expect(cardNumberFromAnyInput('0x10')).toEqual(['16']);
		expect(cardNumberFromAnyInput('1')).toEqual(['1']);
		expect(cardNumberFromAnyInput('zz')).toEqual([]);
	});
});

describe('readCardNumber', () => {
	it('keeps the form a card was written in: type and digits, no 0x, hex in upper case', () => {
		expect(value(readCardNumber(' 0xd23f0824 ', 'hexadecimal'))).toEqual({
			number: '3527346212',
			enteredAs: { type: 'hexadecimal', digits: 'D23F0824' }
		});
		expect(value(readCardNumber('000A', 'hexadecimal'))).toEqual({
			number: '10',
			enteredAs: { type: 'hexadecimal', digits: '000A' }
		});
		expect(value(readCardNumber('0009000014', 'decimal'))).toEqual({
			number: '9000014',
			enteredAs: { type: 'decimal', digits: '0009000014' }
		});
	});
	it('stores no form when it is the canonical decimal itself', () => {
		expect(value(readCardNumber(' 9000014 ', 'decimal'))).toEqual({ number: '9000014' });
	});
	it('refuses what parseCardNumber refuses, with the same message', () => {
		expect(value(readCardNumber('12AB', 'decimal'))).toEqual(
			value(parseCardNumber('12AB', 'decimal'))
		);
	});
});

describe('showCardNumber', () => {
	const number = '3527346212' as CardNumber;
	it('shows a card as it was entered', () => {
		expect(showCardNumber({ number, enteredAs: { type: 'hexadecimal', digits: 'D23F0824' } })).toBe(
			'D23F0824'
		);
		expect(
			showCardNumber({
				number: '9000014' as CardNumber,
				enteredAs: { type: 'decimal', digits: '0009000014' }
			})
		).toBe('0009000014');
	});
	it('shows a card stored without a form (before forms were kept) as decimal', () => {
		expect(showCardNumber({ number })).toBe('3527346212');
	});
	it('shows the decimal value when the stored form does not match the number', () => {
		expect(showCardNumber({ number, enteredAs: { type: 'hexadecimal', digits: 'E8E25D94' } })).toBe(
			'3527346212'
		);
		expect(showCardNumber({ number, enteredAs: { type: 'decimal', digits: 'zz' } })).toBe(
			'3527346212'
		);
	});
	it('shows what readCardNumber read, for every value and type', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
				fc.constantFrom('decimal', 'hexadecimal' as const),
				fc.nat({ max: 3 }),
				(n, type, zeros) => {
					const digits = '0'.repeat(zeros) + formatCardNumber(String(n) as CardNumber, type);
					const read = readCardNumber(digits, type);
					expect(read.ok && showCardNumber(read.value)).toBe(digits);
				}
			)
		);
	});
});

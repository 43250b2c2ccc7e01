import { describe, expect, it } from 'vitest';
import { cellsOf, FULL_MAPPING, SETTINGS } from '../../../tests/unit/domain/testing';
import { InFileDuplicates } from './in-file-duplicates';
import type { ImportSettings } from './import-settings';
import type { UserId } from './model';
import { validateRow, type RowVerdict } from './validate-row';
import { encodeWiegand, wiegandKey } from './wiegand';

const H10301: ImportSettings = { ...SETTINGS, cardFormat: 'h10301' };
const validate = (values: Parameters<typeof cellsOf>[0], settings = H10301) =>
	validateRow(cellsOf({ name: 'Ana', ...values }), FULL_MAPPING, settings);
const errorsOf = (v: RowVerdict) => (v.kind === 'invalid' ? v.errors : []);
const cardOf = (v: RowVerdict) => (v.kind === 'valid' ? (v.row.cards[0] ?? null) : undefined);

describe('Wiegand cards in a row', () => {
	it('stores the format, the parts, the bits with parity, and the key', () => {
		const bits = encodeWiegand('h10301', { facilityCode: 17, cardNumber: 1037 });
		expect(cardOf(validate({ facilityCode: ' 17 ', cardNumber: '1037' }))).toEqual({
			number: wiegandKey({ format: 'h10301', facilityCode: 17, cardNumber: 1037 }),
			wiegand: {
				format: 'h10301',
				facilityCode: 17,
				cardNumber: 1037,
				bits: bits.ok ? bits.value : ''
			},
			validFrom: SETTINGS.startDate,
			validTo: SETTINGS.endDate
		});
	});

	it('fails an out-of-range part with the range, one message per part', () => {
		expect(errorsOf(validate({ facilityCode: '300', cardNumber: '1037' }))).toEqual([
			{
				field: 'facilityCode',
				message: 'Facility code 300 is out of range — H10301 (26-bit) takes 0–255'
			}
		]);
		expect(
			errorsOf(validate({ facilityCode: '70000', cardNumber: '600000', cardFormat: 'H10304' }))
		).toEqual([
			{
				field: 'facilityCode',
				message: 'Facility code 70000 is out of range — H10304 (37-bit) takes 0–65,535'
			},
			{
				field: 'cardNumber',
				message: 'Card number 600000 is out of range — H10304 (37-bit) takes 0–524,287'
			}
		]);
	});

	it('wants both parts, as whole numbers', () => {
		expect(errorsOf(validate({ facilityCode: '17' }))).toEqual([
			{
				field: 'cardNumber',
				message:
					'Card number is missing — H10301 (26-bit) cards need both Facility code and Card number'
			}
		]);
		expect(
			errorsOf(validate({ facilityCode: '1.5', cardNumber: '-3' })).map((e) => e.message)
		).toEqual([
			'Facility code "1.5" is not a whole number — use digits only',
			'Card number "-3" is not a whole number — use digits only'
		]);
	});

	it('takes a row without card cells as a row without a card', () => {
		expect(cardOf(validate({}))).toBeNull();
	});

	it("takes the row's Card format cell over the one chosen in Configure", () => {
		const csnChosen = validate(
			{ cardFormat: 'Corporate 1000', facilityCode: '4095', cardNumber: '1' },
			SETTINGS
		);
		expect(cardOf(csnChosen)?.wiegand?.format).toBe('corporate1000');
		expect(cardOf(validate({ cardFormat: 'CSN', cardId: '1234' }))?.number).toBe('1234');
		expect(errorsOf(validate({ cardFormat: 'Prox', cardId: '1234' }))).toEqual([
			{
				field: 'cardFormat',
				message:
					'Card format "Prox" is not a card format Roster knows — write one of CSN, H10301, Corporate 1000, H10304'
			}
		]);
	});

	it('fails a cell of the other kind of card rather than drop it', () => {
		expect(errorsOf(validate({ cardId: '1234' }))).toEqual([
			{
				field: 'cardId',
				message:
					'Card ID "1234" is a CSN, but the card format is H10301 (26-bit) — write the card as Facility code and Card number, or choose CSN'
			}
		]);
		expect(errorsOf(validate({ cardId: '1234', facilityCode: '17' }, SETTINGS))).toEqual([
			{
				field: 'facilityCode',
				message:
					'Facility code "17" is part of a Wiegand card, but the card format is CSN — choose the format of your cards under Card format (or write it in a Card format column)'
			}
		]);
	});

	it('keeps CSN rows as they were when no format is stored (settings saved before formats)', () => {
		const { cardFormat: _none, ...before } = H10301;
		expect(cardOf(validate({ cardId: '0x1A' }, { ...before, cardIdType: 'hexadecimal' }))).toEqual({
			number: '26',
			enteredAs: { type: 'hexadecimal', digits: '1A' },
			validFrom: SETTINGS.startDate,
			validTo: SETTINGS.endDate
		});
	});

	it('counts the same parts in one format twice as a repeat, in two formats as two cards', () => {
		const duplicates = new InFileDuplicates();
		const rowOf = (values: Parameters<typeof cellsOf>[0], id: string) => {
			const verdict = validate({ ...values, userId: id });
			if (verdict.kind !== 'valid') throw new Error(JSON.stringify(verdict));
			return { ...verdict.row, userId: id as UserId };
		};
		const parts = { facilityCode: '17', cardNumber: '1037' };
		expect(duplicates.check(rowOf(parts, 'a'), 2)).toEqual([]);
		expect(duplicates.check(rowOf({ ...parts, cardFormat: 'H10304' }, 'b'), 3)).toEqual([]);
		expect(duplicates.check(rowOf({ ...parts, cardFormat: 'Corporate 1000' }, 'c'), 4)).toEqual([]);
		expect(duplicates.check(rowOf(parts, 'd'), 5)).toEqual([
			{ field: 'cardId', message: 'Card ID "FC 17 · 1037" repeats row 2' }
		]);
	});
});

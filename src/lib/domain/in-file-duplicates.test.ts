import { describe, expect, it } from 'vitest';
import { InFileDuplicates } from './in-file-duplicates';
import type { CardNumber, IsoDate, UserId } from './model';
import type { ValidRow } from './validate-row';

const row = (over: Partial<ValidRow>): ValidRow => ({
	userId: null,
	name: 'A',
	email: null,
	phone: null,
	phoneDigits: null,
	userType: null,
	department: null,
	title: null,
	cards: [],
	...over
});
const card = (n: string) => ({
	number: n as CardNumber,
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate
});
const messages = (errors: { message: string }[]) => errors.map((e) => e.message);
const id = (value: string) => value as UserId;

describe('InFileDuplicates', () => {
	it('forgets every key of every field when released', () => {
		const d = new InFileDuplicates();
		const full = row({ userId: id('U1'), email: 'a@x.org', phoneDigits: '15550001' });
		expect(d.check({ ...full, cards: [card('77')] }, 2)).toEqual([]);
		d.release();
		expect(d.firstRowOf('U1')).toBeUndefined();
		expect(d.check({ ...full, cards: [card('77')] }, 9)).toEqual([]);
		expect(d.firstRowOf('U1')).toBe(9);
		expect(messages(d.check(row({ cards: [card('77')] }), 10))).toEqual([
			'Card ID "77" repeats row 9'
		]);
	});

	it('fails the second occurrence of each key, naming the first row', () => {
		const d = new InFileDuplicates();
		expect(
			d.check(
				row({
					userId: id('6001'),
					email: 'valid@example.org',
					phone: '+1 555 000 0001',
					phoneDigits: '15550000001',
					cards: [card('9000001')]
				}),
				2
			)
		).toEqual([]);
		expect(messages(d.check(row({ email: 'valid@example.org' }), 16))).toEqual([
			'Email "valid@example.org" repeats row 2'
		]);
		expect(
			messages(d.check(row({ phone: '15550000001', phoneDigits: '15550000001' }), 17))
		).toEqual(['Phone "15550000001" repeats row 2']);
		expect(messages(d.check(row({ cards: [card('9000001')] }), 19))).toEqual([
			'Card ID "9000001" repeats row 2'
		]);
	});

	it('reports all repeats of a row, with the field', () => {
		const d = new InFileDuplicates();
		d.check(row({ userId: id('a'), email: 'a@b.co', cards: [card('5')] }), 2);
		expect(
			d.check(row({ userId: id('b'), email: 'a@b.co', cards: [card('6'), card('5')] }), 3)
		).toEqual([
			{ field: 'email', message: 'Email "a@b.co" repeats row 2' },
			{ field: 'cardId', message: 'Card ID "5" repeats row 2' }
		]);
	});

	it('does not remember keys of a row it failed', () => {
		const d = new InFileDuplicates();
		d.check(row({ userId: id('a'), email: 'x@y.co' }), 2);
		expect(d.check(row({ userId: id('b'), email: 'x@y.co', cards: [card('8')] }), 3)).toHaveLength(
			1
		);
		// Card 8 and User ID b were not registered by the failed row 3.
		expect(d.firstRowOf('b')).toBeUndefined();
		expect(d.check(row({ userId: id('c'), cards: [card('8')] }), 4)).toEqual([]);
		expect(messages(d.check(row({ cards: [card('8')] }), 5))).toEqual([
			'Card ID "8" repeats row 4'
		]);
	});

	it('ignores blank keys and names a repeated card as the repeating row wrote it', () => {
		const d = new InFileDuplicates();
		expect(d.check(row({}), 2)).toEqual([]);
		expect(d.check(row({}), 3)).toEqual([]);
		d.check(row({ cards: [card('65296')] }), 4);
		const asHex = { ...card('65296'), enteredAs: { type: 'hexadecimal' as const, digits: 'FF10' } };
		expect(messages(d.check(row({ cards: [asHex] }), 5))).toEqual(['Card ID "FF10" repeats row 4']);
		expect(messages(d.check(row({ cards: [card('65296')] }), 6))).toEqual([
			'Card ID "65296" repeats row 4'
		]);
	});

	it('keeps across chunks: one instance sees the whole file', () => {
		const d = new InFileDuplicates();
		for (let r = 2; r < 40_002; r++) {
			expect(d.check(row({ userId: id(`u${r}`), cards: [card(String(r))] }), r)).toEqual([]);
		}
		expect(d.firstRowOf('u2')).toBe(2);
		expect(messages(d.check(row({ userId: id('u3'), cards: [card('39999')] }), 40_002))).toEqual([
			'Card ID "39999" repeats row 39999'
		]);
	});
});

describe('a later row with the same User ID', () => {
	const first = row({
		userId: id('U1'),
		name: 'Ana Park',
		email: 'ana@x.org',
		phone: '+1 555 0100',
		phoneDigits: '15550100',
		department: 'Sales',
		cards: [card('11')]
	});

	it('adds cards: blank or agreeing cells, its own email and phone are no repeat', () => {
		const d = new InFileDuplicates();
		expect(d.check(first, 2)).toEqual([]);
		expect(d.firstRowOf('U1')).toBe(2);
		expect(d.check({ ...first, cards: [card('12'), card('13')] }, 3)).toEqual([]);
		const blank = row({ userId: id('U1'), name: '', cards: [card('14')] });
		expect(d.check(blank, 4)).toEqual([]);
		// The same phone written differently is the same phone.
		expect(
			d.check({ ...blank, phone: '+15550100', phoneDigits: '15550100', cards: [] }, 5)
		).toEqual([]);
		// Its cards are registered: another user's row repeating one fails.
		expect(messages(d.check(row({ userId: id('U2'), cards: [card('13')] }), 6))).toEqual([
			'Card ID "13" repeats row 3'
		]);
	});

	it('fails a disagreeing cell, naming the first row, and a repeated card of the same user', () => {
		const d = new InFileDuplicates();
		d.check(first, 2);
		expect(
			d.check({ ...first, name: 'Ana P.', title: 'Lead', cards: [card('11'), card('12')] }, 7)
		).toEqual([
			{
				field: 'name',
				message:
					'Name "Ana P." differs from row 2, which has the same User ID: leave it blank or write it as in row 2'
			},
			{
				field: 'title',
				message:
					'Title "Lead" is blank in row 2, which has the same User ID: write it in row 2, or leave it blank here'
			},
			{ field: 'cardId', message: 'Card ID "11" repeats row 2' }
		]);
		// Nothing of the failed row was registered.
		expect(d.check(row({ userId: id('U9'), cards: [card('12')] }), 8)).toEqual([]);
	});

	it('User IDs compare exactly', () => {
		const d = new InFileDuplicates();
		d.check(first, 2);
		expect(d.firstRowOf('u1')).toBeUndefined();
		expect(
			d.check(
				{ ...first, userId: id('u1'), email: null, phone: null, phoneDigits: null, cards: [] },
				3
			)
		).toEqual([]);
	});
});

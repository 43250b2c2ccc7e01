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
	card: null,
	...over
});
const card = (n: string) => ({
	number: n as CardNumber,
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate
});
const messages = (errors: { message: string }[]) => errors.map((e) => e.message);

describe('InFileDuplicates', () => {
	it('forgets every key of every field when released', () => {
		const d = new InFileDuplicates();
		const full = row({ userId: 'U1' as UserId, email: 'a@x.org', phoneDigits: '15550001' });
		expect(d.check({ ...full, card: card('77') }, 2)).toEqual([]);
		d.release();
		expect(d.check({ ...full, card: card('77') }, 9)).toEqual([]);
		expect(messages(d.check(row({ userId: 'U1' as UserId }), 10))).toEqual([
			'User ID "U1" repeats row 9'
		]);
	});

	it('fails the second occurrence of each key, naming the first row', () => {
		const d = new InFileDuplicates();
		expect(
			d.check(
				row({
					userId: '6001' as UserId,
					email: 'valid@example.org',
					phone: '+1 555 000 0001',
					phoneDigits: '15550000001',
					card: card('9000001')
				}),
				2
			)
		).toEqual([]);
		expect(messages(d.check(row({ userId: '6001' as UserId }), 5))).toEqual([
			'User ID "6001" repeats row 2'
		]);
		expect(messages(d.check(row({ email: 'valid@example.org' }), 16))).toEqual([
			'Email "valid@example.org" repeats row 2'
		]);
		expect(
			messages(d.check(row({ phone: '15550000001', phoneDigits: '15550000001' }), 17))
		).toEqual(['Phone "15550000001" repeats row 2']);
		expect(messages(d.check(row({ card: card('9000001') }), 9))).toEqual([
			'Card ID "9000001" repeats row 2'
		]);
	});

	it('reports all repeats of a row, with the field', () => {
		const d = new InFileDuplicates();
		d.check(row({ userId: 'a' as UserId, email: 'a@b.co' }), 2);
		expect(d.check(row({ userId: 'a' as UserId, email: 'a@b.co' }), 3).map((e) => e.field)).toEqual(
			['userId', 'email']
		);
	});

	it('does not remember keys of a row it failed', () => {
		const d = new InFileDuplicates();
		d.check(row({ userId: 'a' as UserId }), 2);
		expect(d.check(row({ userId: 'a' as UserId, email: 'x@y.co' }), 3)).toHaveLength(1);
		// x@y.co was not registered by the failed row 3, so row 4 may use it.
		expect(d.check(row({ userId: 'b' as UserId, email: 'x@y.co' }), 4)).toEqual([]);
		expect(messages(d.check(row({ email: 'x@y.co' }), 5))).toEqual([
			'Email "x@y.co" repeats row 4'
		]);
	});

	it('ignores blank keys and names a repeated card as the repeating row wrote it', () => {
		const d = new InFileDuplicates();
		expect(d.check(row({}), 2)).toEqual([]);
		expect(d.check(row({}), 3)).toEqual([]);
		d.check(row({ card: card('65296') }), 4);
		const asHex = { ...card('65296'), enteredAs: { type: 'hexadecimal' as const, digits: 'FF10' } };
		expect(messages(d.check(row({ card: asHex }), 5))).toEqual(['Card ID "FF10" repeats row 4']);
		expect(messages(d.check(row({ card: card('65296') }), 6))).toEqual([
			'Card ID "65296" repeats row 4'
		]);
	});

	it('keeps across chunks: one instance sees the whole file', () => {
		const d = new InFileDuplicates();
		for (let r = 2; r < 5002; r++)
			expect(d.check(row({ userId: `u${r}` as UserId }), r)).toEqual([]);
		expect(messages(d.check(row({ userId: 'u2' as UserId }), 5002))).toEqual([
			'User ID "u2" repeats row 2'
		]);
	});
});

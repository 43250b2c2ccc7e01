import { describe, expect, it } from 'vitest';
import { checkCardRecord, checkUserRecord } from './backup-rules';
import { readWiegandCells } from './card-cells';

const user = (extra: Record<string, unknown> = {}) => ({
	id: 'U1',
	name: 'Ana Park',
	email: 'ana@x.org',
	phone: '+1 555 0100',
	phoneDigits: '15550100',
	userType: 'Employee',
	department: 'Sales',
	createdAt: 1,
	updatedAt: 2,
	...extra
});

const card = (extra: Record<string, unknown> = {}) => ({
	number: '4660',
	userId: 'U1',
	status: 'issued',
	validFrom: '2026-01-01',
	validTo: '2026-12-31',
	issuedAt: 3,
	createdAt: 1,
	updatedAt: 2,
	...extra
});

const problem = (result: { ok: boolean; errors?: string[] }): string =>
	result.ok ? '' : (result.errors ?? []).join('; ');

describe('checkUserRecord', () => {
	it('accepts a user as Roster stores it, with or without the optional fields', () => {
		expect(checkUserRecord(user()).ok).toBe(true);
		expect(
			checkUserRecord({ id: 'U2', name: 'Bo', userType: 'Visitor', createdAt: 1, updatedAt: 1 }).ok
		).toBe(true);
		expect(
			checkUserRecord(user({ hasImage: true, imageFile: 'ana.jpg', lastImportId: 's1' })).ok
		).toBe(true);
	});

	it.each([
		['a 10 000-character name', { name: 'x'.repeat(10_000) }, 'Name "xxx'],
		['a blank name', { name: '' }, 'Name is missing'],
		['a User ID with a space', { id: 'U 1' }, 'User ID "U 1" may only contain'],
		['an email that is not an address', { email: 'ana@' }, 'Email "ana@" is not a valid address'],
		['an email not lower-cased', { email: 'Ana@x.org' }, 'is not in its stored form'],
		[
			'a phone with letters',
			{ phone: 'call me', phoneDigits: '' },
			'Phone "call me" may only contain'
		],
		['phone digits that do not match', { phoneDigits: '999' }, 'phone digits of Phone'],
		['phone digits without a phone', { phone: undefined }, 'phone digits but no Phone'],
		['an unknown user type', { userType: 'Boss' }, 'User type "Boss" is not Employee'],
		['a 101-character department', { department: 'd'.repeat(101) }, 'longer than 100'],
		['a name with spaces around it', { name: ' Ana ' }, 'has spaces around it'],
		['an image file name with a folder', { imageFile: 'a/b.jpg' }, 'contains a folder'],
		['a name that is not text', { name: 42 }, 'Name is not text'],
		['no time stamps', { createdAt: undefined }, 'Created at is not a number']
	])('refuses %s, naming the rule', (_what, change, message) => {
		expect(problem(checkUserRecord(user(change)))).toContain(message);
	});

	it('refuses what is not a record', () => {
		expect(problem(checkUserRecord('U1'))).toBe('it is not a user record');
	});
});

describe('checkCardRecord', () => {
	it('accepts a card as Roster stores it', () => {
		expect(checkCardRecord(card()).ok).toBe(true);
		expect(checkCardRecord(card({ number: '18446744073709551615', status: 'revoked' })).ok).toBe(
			true
		);
	});

	it('accepts a Wiegand card whose key, parts and bits agree, and refuses one that was edited', () => {
		const read = readWiegandCells('h10301', '17', '1037');
		if (!read.ok || read.value === null) throw new Error('a valid card');
		const { number, wiegand } = read.value;
		expect(checkCardRecord(card({ number, wiegand })).ok).toBe(true);
		expect(
			problem(checkCardRecord(card({ number, wiegand: { ...wiegand, cardNumber: 1038 } })))
		).toBe(`the Wiegand card "${number}" is damaged: its key, parts and bits do not agree`);
		expect(checkCardRecord(card({ number, wiegand: { ...wiegand, format: 'h10302' } })).ok).toBe(
			false
		);
		expect(checkCardRecord(card({ number })).ok).toBe(false);
	});

	it.each([
		['a card number abc', { number: 'abc' }, 'Card ID "abc" is not a decimal number'],
		['a card number zero', { number: '0' }, 'is zero'],
		['a card number over 64 bits', { number: '18446744073709551616' }, 'larger than 64 bits'],
		['a card number with leading zeros', { number: '04660' }, 'not in its stored form'],
		['a card number that is a JS number', { number: 4660 }, 'Card ID is not text'],
		[
			'a status weird',
			{ status: 'weird' },
			'Status "weird" is not one of registered, issued, revoked'
		],
		['an end before the start', { validTo: '2025-12-31' }, 'Card end date 2025-12-31 is before'],
		['a date that is not real', { validFrom: '2026-02-30' }, 'is not a real calendar date'],
		['a date with a time', { validFrom: '2026-01-01T10:00Z' }, 'not written YYYY-MM-DD'],
		['a bad owner ID', { userId: '' }, 'User ID'],
		['a bad issue time', { issuedAt: 'yesterday' }, 'Issued at']
	])('refuses %s, naming the rule', (_what, change, message) => {
		expect(problem(checkCardRecord(card(change)))).toContain(message);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUserId } from './field-rules';
import type { UserId, UserInput } from './model';
import { wiegandKey } from './wiegand';
import {
	USER_FORM_FIELDS,
	changedFormFields,
	changedMeanwhileMessage,
	emptyUserForm,
	isNumberedUserId,
	nextUserId,
	uniqueFormKeys,
	userIdHint,
	userFormValues,
	validateCardForm,
	validateUserForm,
	validateValidity,
	type CardFormValues,
	type UserFormValues,
	withCurrentValues
} from './user-form';

const GENERATED = 'U000042' as UserId;

const form = (patch: Partial<UserFormValues> = {}): UserFormValues => ({
	...emptyUserForm(),
	name: 'Ana Park',
	...patch
});

const cardForm = (patch: Partial<CardFormValues> = {}): CardFormValues => ({
	number: '4660',
	type: 'decimal',
	validFrom: '2026-01-01',
	validTo: '2026-12-31',
	...patch
});

/** The per-field messages of a refused form, or the value when it was accepted. */
const outcome = <T, E>(result: { ok: true; value: T } | { ok: false; errors: E[] }) =>
	result.ok ? result.value : result.errors;

describe('emptyUserForm', () => {
	it('starts every field blank except the User type, which defaults to Employee', () => {
		expect(emptyUserForm()).toEqual({
			userId: '',
			name: '',
			email: '',
			phone: '',
			userType: 'Employee',
			department: '',
			title: ''
		});
	});

	it('holds exactly the fields the form lists, in the form order', () => {
		expect(Object.keys(emptyUserForm())).toEqual([...USER_FORM_FIELDS]);
	});

	it('gives a new object each time, so one form typing cannot leak into the next', () => {
		const first = emptyUserForm();
		first.name = 'Typed';
		expect(emptyUserForm().name).toBe('');
	});
});

describe('userFormValues', () => {
	it('shows every stored field, with the phone as the admin wrote it rather than its digits', () => {
		const user: UserInput = {
			id: 'E-200' as UserId,
			name: 'Ana Maria Park',
			email: 'amp@corp.example',
			phone: '+82 10-1234-5678',
			phoneDigits: '821012345678',
			userType: 'Visitor',
			department: 'Research',
			title: 'Chemist'
		};
		expect(userFormValues(user)).toEqual({
			userId: 'E-200',
			name: 'Ana Maria Park',
			email: 'amp@corp.example',
			phone: '+82 10-1234-5678',
			userType: 'Visitor',
			department: 'Research',
			title: 'Chemist'
		});
	});

	it('shows absent optional fields as blank inputs', () => {
		const user: UserInput = { id: '7' as UserId, name: 'Bo Lee', userType: 'Member' };
		expect(userFormValues(user)).toEqual({
			userId: '7',
			name: 'Bo Lee',
			email: '',
			phone: '',
			userType: 'Member',
			department: '',
			title: ''
		});
	});

	it('round-trips a stored user through the form unchanged', () => {
		const user: UserInput = {
			id: 'E-200' as UserId,
			name: 'Zoë Ångström',
			email: 'zoe@corp.example',
			phone: '+46 (8) 123 456',
			phoneDigits: '468123456',
			userType: 'Employee',
			department: 'Lab',
			title: 'Lead'
		};
		expect(outcome(validateUserForm(userFormValues(user), GENERATED))).toEqual(user);
	});
});

describe('validateUserForm', () => {
	it('accepts a user with only a name, giving them a generated ID and the Employee type', () => {
		const result = validateUserForm(form(), GENERATED);
		expect(result).toEqual({
			ok: true,
			value: { id: GENERATED, name: 'Ana Park', userType: 'Employee' }
		});
	});

	it('asks for a User ID to be typed when every numbered one is taken', () => {
		expect(outcome(validateUserForm(form(), null))).toEqual([
			{ userId: 'Every User ID from U000001 to U999999 is taken: type one' }
		]);
		expect(outcome(validateUserForm(form({ userId: 'E-1' }), null))).toMatchObject({ id: 'E-1' });
	});

	it('refuses a pasted control character by the import rule, next to its field', () => {
		const result = validateUserForm(form({ name: 'Ana\u0000Nul', title: 'x\u009by' }), GENERATED);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					name: 'Name "Ana␀Nul" holds an invisible control character (U+0000) at character 4: delete it and save again',
					title:
						'Title "x�y" holds an invisible control character (U+009B) at character 2: delete it and save again'
				}
			]
		});
	});

	it('keeps a typed User ID over the generated one', () => {
		expect(outcome(validateUserForm(form({ userId: 'E-200' }), GENERATED))).toMatchObject({
			id: 'E-200'
		});
	});

	it('trims every field and leaves out optional fields that are blank or only spaces', () => {
		const result = validateUserForm(
			{
				userId: '  E.1_a-2 ',
				name: '\t Ana Park  ',
				email: '   ',
				phone: ' ',
				userType: '  ',
				department: '\n',
				title: ' '
			},
			GENERATED
		);
		expect(result).toEqual({
			ok: true,
			value: { id: 'E.1_a-2', name: 'Ana Park', userType: 'Employee' }
		});
		if (result.ok) {
			for (const key of ['email', 'phone', 'phoneDigits', 'department', 'title']) {
				expect(result.value).not.toHaveProperty(key);
			}
		}
	});

	it('stores the email lower-cased, as the uniqueness index compares it', () => {
		expect(
			outcome(validateUserForm(form({ email: ' Ana.Park@Corp.EXAMPLE ' }), GENERATED))
		).toEqual(expect.objectContaining({ email: 'ana.park@corp.example' }));
	});

	it('keeps the phone as written and adds its digits for comparison', () => {
		expect(outcome(validateUserForm(form({ phone: ' +1 (555) 000-1234 ' }), GENERATED))).toEqual(
			expect.objectContaining({ phone: '+1 (555) 000-1234', phoneDigits: '15550001234' })
		);
	});

	it('reads the User type in any case and spells it as the catalogue does', () => {
		for (const [typed, stored] of [
			['visitor', 'Visitor'],
			['MEMBER', 'Member'],
			[' employee ', 'Employee']
		] as const) {
			expect(outcome(validateUserForm(form({ userType: typed }), GENERATED))).toEqual(
				expect.objectContaining({ userType: stored })
			);
		}
	});

	it('makes a user whose User type was cleared an Employee, as a blank import cell does', () => {
		expect(outcome(validateUserForm(form({ userType: '' }), GENERATED))).toEqual(
			expect.objectContaining({ userType: 'Employee' })
		);
	});

	it('keeps department and title as typed, without the surrounding spaces', () => {
		expect(
			outcome(validateUserForm(form({ department: ' R&D / Lab 2 ', title: ' Head ' }), GENERATED))
		).toEqual(expect.objectContaining({ department: 'R&D / Lab 2', title: 'Head' }));
	});

	it('accepts names in any script, counting length in characters rather than UTF-16 units', () => {
		for (const name of ['李小龍', 'Zoë Ångström', "Seán O'Brien-Ní Dhuibhir", 'Ⅻ'.repeat(100)]) {
			expect(outcome(validateUserForm(form({ name }), GENERATED))).toEqual(
				expect.objectContaining({ name })
			);
		}
		// 100 astral characters are 200 UTF-16 units but still a 100-character name.
		const emoji = '😀'.repeat(100);
		expect(validateUserForm(form({ name: emoji }), GENERATED).ok).toBe(true);
		expect(validateUserForm(form({ name: `${emoji}😀` }), GENERATED).ok).toBe(false);
	});

	it('refuses a blank or whitespace-only name with a message next to the Name input', () => {
		for (const name of ['', '   ', '\t\n']) {
			expect(validateUserForm(form({ name }), GENERATED)).toEqual({
				ok: false,
				errors: [{ name: 'Name is missing — every user needs one' }]
			});
		}
	});

	it('refuses a name over 100 characters and quotes only its beginning', () => {
		const name = 'a'.repeat(101);
		expect(outcome(validateUserForm(form({ name }), GENERATED))).toEqual([
			{ name: `Name "${'a'.repeat(57)}…" is longer than 100 characters` }
		]);
		expect(validateUserForm(form({ name: 'a'.repeat(100) }), GENERATED).ok).toBe(true);
	});

	it('refuses User IDs with spaces, accents or symbols, and IDs over 32 characters', () => {
		expect(outcome(validateUserForm(form({ userId: 'ana park' }), GENERATED))).toEqual([
			{ userId: 'User ID "ana park" may only contain letters, digits, - _ and .' }
		]);
		expect(outcome(validateUserForm(form({ userId: 'José' }), GENERATED))).toEqual([
			{ userId: 'User ID "José" may only contain letters, digits, - _ and .' }
		]);
		expect(outcome(validateUserForm(form({ userId: 'A#1' }), GENERATED))).toEqual([
			{ userId: 'User ID "A#1" may only contain letters, digits, - _ and .' }
		]);
		expect(outcome(validateUserForm(form({ userId: 'x'.repeat(33) }), GENERATED))).toEqual([
			{ userId: `User ID "${'x'.repeat(33)}" is longer than 32 characters` }
		]);
		expect(validateUserForm(form({ userId: 'x'.repeat(32) }), GENERATED).ok).toBe(true);
	});

	it('refuses an address that is not an email, quoting it as trimmed', () => {
		for (const email of ['ana@', 'ana park@corp.example', 'ana@corp', '@corp.example']) {
			expect(outcome(validateUserForm(form({ email: ` ${email} ` }), GENERATED))).toEqual([
				{ email: `Email "${email}" is not a valid address` }
			]);
		}
	});

	it('refuses a phone with letters or with too few or too many digits', () => {
		expect(outcome(validateUserForm(form({ phone: '555-CALL-NOW' }), GENERATED))).toEqual([
			{ phone: 'Phone "555-CALL-NOW" may only contain +, digits, spaces, - ( and )' }
		]);
		expect(outcome(validateUserForm(form({ phone: '12-34-56' }), GENERATED))).toEqual([
			{ phone: 'Phone "12-34-56" has 6 digits — a phone number has 7 to 15' }
		]);
		expect(outcome(validateUserForm(form({ phone: '+1234567890123456' }), GENERATED))).toEqual([
			{ phone: 'Phone "+1234567890123456" has 16 digits — a phone number has 7 to 15' }
		]);
		expect(validateUserForm(form({ phone: '1234567' }), GENERATED).ok).toBe(true);
	});

	it('refuses a User type outside Employee, Visitor and Member', () => {
		expect(outcome(validateUserForm(form({ userType: 'Contractor' }), GENERATED))).toEqual([
			{ userType: 'User type "Contractor" is not Employee, Visitor or Member' }
		]);
	});

	it('refuses a department or title over 100 characters, naming the field', () => {
		const long = 'd'.repeat(101);
		expect(
			outcome(validateUserForm(form({ department: long, title: 't'.repeat(101) }), GENERATED))
		).toEqual([
			{
				department: `Department "${'d'.repeat(57)}…" is longer than 100 characters`,
				title: `Title "${'t'.repeat(57)}…" is longer than 100 characters`
			}
		]);
	});

	it('reports every faulty field at once, one message each', () => {
		const result = validateUserForm(
			{
				userId: 'bad id',
				name: ' ',
				email: 'nope',
				phone: 'x',
				userType: 'Boss',
				department: 'ok',
				title: 'ok'
			},
			GENERATED
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors).toHaveLength(1);
			expect(Object.keys(result.errors[0] ?? {}).sort()).toEqual(
				['email', 'name', 'phone', 'userId', 'userType'].sort()
			);
		}
	});

	it('refuses the whole form when only an optional field is wrong', () => {
		expect(validateUserForm(form({ email: 'ana@corp' }), GENERATED).ok).toBe(false);
	});
});

describe('uniqueFormKeys', () => {
	it('gives the ID, email and phone digits of the fields that obey their rule, whatever else is wrong', () => {
		expect(
			uniqueFormKeys({
				...form({ email: ' Ana@Corp.example ', phone: '+1 555 000 1234' }),
				name: ''
			})
		).toEqual({ email: 'ana@corp.example', phoneDigits: '15550001234' });
		expect(uniqueFormKeys(form({ userId: 'E-1', email: 'nope', phone: 'x' }))).toEqual({
			id: 'E-1'
		});
	});
});

describe('nextUserId', () => {
	it('is U and six digits, one above the highest numbered ID, U000001 when there is none', () => {
		expect(nextUserId(undefined)).toBe('U000001');
		expect(nextUserId('U000123' as UserId)).toBe('U000124');
		expect(nextUserId('U099999' as UserId)).toBe('U100000');
		expect(nextUserId('U12' as UserId)).toBe('U000001');
	});

	it('is null when U999999 is taken', () => {
		expect(nextUserId('U999998' as UserId)).toBe('U999999');
		expect(nextUserId('U999999' as UserId)).toBeNull();
	});

	it('always satisfies the User ID rule and sorts after the highest as text', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 999_998 }), (n) => {
				const highest = `U${String(n).padStart(6, '0')}` as UserId;
				const next = nextUserId(highest);
				return next !== null && isValidUserId(next) && isNumberedUserId(next) && next > highest;
			})
		);
	});

	it('is named in the hint', () => {
		expect(userIdHint('U000124' as UserId)).toBe(
			'1–32 letters, digits, - _ or . (blank: the next free ID, e.g. U000124)'
		);
		expect(userIdHint(null)).toBe('1–32 letters, digits, - _ or . (blank: the next free ID)');
	});
});

describe('validateCardForm', () => {
	it('reads a Wiegand card by the import rules: its key and credential, or the range', () => {
		const typed = cardForm({ format: 'corporate1000', facilityCode: ' 1337 ', cardNumber: '2137' });
		const checked = validateCardForm(typed);
		expect(checked.ok && checked.value.wiegand).toMatchObject({
			format: 'corporate1000',
			facilityCode: 1337,
			cardNumber: 2137,
			bits: (0x4a72010b3).toString(2).padStart(35, '0')
		});
		expect(checked.ok && checked.value.number).toBe(
			wiegandKey({ format: 'corporate1000', facilityCode: 1337, cardNumber: 2137 })
		);
		expect(validateCardForm({ ...typed, facilityCode: '5000', cardNumber: '' })).toEqual({
			ok: false,
			errors: [
				{
					facilityCode:
						'Facility code (company ID) 5000 is out of range — Corporate 1000 (35-bit) takes 0–4,095',
					cardNumber:
						'Card number is missing — Corporate 1000 (35-bit) cards need both Facility code and Card number'
				}
			]
		});
		expect(validateCardForm({ ...typed, facilityCode: '', cardNumber: ' ' })).toEqual({
			ok: false,
			errors: [{ facilityCode: 'Facility code and Card number are missing' }]
		});
	});

	it('keys a decimal card number canonically, without leading zeros or spaces', () => {
		expect(validateCardForm(cardForm({ number: ' 9000014 ' }))).toEqual({
			ok: true,
			value: { number: '9000014', validFrom: '2026-01-01', validTo: '2026-12-31' }
		});
		expect(validateCardForm(cardForm({ number: ' 0009000014 ' }))).toEqual({
			ok: true,
			value: {
				number: '9000014',
				enteredAs: { type: 'decimal', digits: '0009000014' },
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			}
		});
	});

	it('keeps the form a hex card was typed in, for showing it back the same way', () => {
		expect(
			outcome(validateCardForm(cardForm({ number: ' 0xe8e25d94 ', type: 'hexadecimal' })))
		).toEqual(
			expect.objectContaining({
				number: '3907149204',
				enteredAs: { type: 'hexadecimal', digits: 'E8E25D94' }
			})
		);
	});

	it('reads a hexadecimal card number, with or without 0x, in any case', () => {
		for (const number of ['0x1234', '0X1234', '1234', '001234']) {
			expect(outcome(validateCardForm(cardForm({ number, type: 'hexadecimal' })))).toEqual(
				expect.objectContaining({ number: '4660' })
			);
		}
		expect(outcome(validateCardForm(cardForm({ number: 'ff10', type: 'hexadecimal' })))).toEqual(
			expect.objectContaining({ number: '65296' })
		);
	});

	it('keeps 64-bit card numbers exact', () => {
		expect(
			outcome(validateCardForm(cardForm({ number: 'FFFFFFFFFFFFFFFF', type: 'hexadecimal' })))
		).toEqual(expect.objectContaining({ number: '18446744073709551615' }));
	});

	it('says the Card ID is missing when it is blank or only spaces', () => {
		for (const number of ['', '   ']) {
			expect(outcome(validateCardForm(cardForm({ number })))).toEqual([
				{ number: 'Card ID is missing' }
			]);
		}
	});

	it('suggests Hexadecimal when a hex-looking number is typed as Decimal', () => {
		expect(outcome(validateCardForm(cardForm({ number: '12AB' })))).toEqual([
			{
				number: 'Card ID "12AB" is not a decimal number — choose Hexadecimal if your cards are hex'
			}
		]);
	});

	it('refuses zero, non-hex characters and numbers beyond 64 bits', () => {
		expect(outcome(validateCardForm(cardForm({ number: '000' })))).toEqual([
			{ number: 'Card ID "000" is zero — card numbers start at 1' }
		]);
		expect(outcome(validateCardForm(cardForm({ number: '12G4', type: 'hexadecimal' })))).toEqual([
			{
				number: 'Card ID "12G4" is not a hexadecimal number — use 0–9 and A–F, optionally after 0x'
			}
		]);
		expect(outcome(validateCardForm(cardForm({ number: '18446744073709551616' })))).toEqual([
			{
				number:
					'Card ID "18446744073709551616" is larger than 64 bits (the largest card number is 18446744073709551615)'
			}
		]);
	});

	it('reports a bad number and bad dates together', () => {
		expect(
			outcome(validateCardForm({ number: '', type: 'decimal', validFrom: '', validTo: 'x' }))
		).toEqual([
			{
				number: 'Card ID is missing',
				validFrom: 'Card start date is missing',
				validTo: 'Card end date "x" is not a date — use YYYY-MM-DD'
			}
		]);
	});

	it('refuses a good number when the validity is wrong, without blaming the number', () => {
		expect(
			outcome(validateCardForm(cardForm({ validFrom: '2026-06-01', validTo: '2026-05-31' })))
		).toEqual([{ validTo: 'Card end date 2026-05-31 is before Card start date 2026-06-01' }]);
	});
});

describe('validateValidity', () => {
	it('accepts a card valid for a single day', () => {
		expect(validateValidity('2026-03-01', '2026-03-01')).toEqual({
			ok: true,
			value: { validFrom: '2026-03-01', validTo: '2026-03-01' }
		});
	});

	it('ignores spaces around the dates', () => {
		expect(outcome(validateValidity(' 2026-03-01 ', '\t2027-03-01 '))).toEqual({
			validFrom: '2026-03-01',
			validTo: '2027-03-01'
		});
	});

	it('refuses an end before the start, on the end date only', () => {
		expect(validateValidity('2026-02-01', '2026-01-31')).toEqual({
			ok: false,
			errors: [{ validTo: 'Card end date 2026-01-31 is before Card start date 2026-02-01' }]
		});
	});

	it('compares whole dates across years and months, not just days', () => {
		expect(validateValidity('2026-12-31', '2027-01-01').ok).toBe(true);
		expect(validateValidity('2027-01-01', '2026-12-31').ok).toBe(false);
	});

	it('names each missing date', () => {
		expect(outcome(validateValidity('', '  '))).toEqual([
			{ validFrom: 'Card start date is missing', validTo: 'Card end date is missing' }
		]);
		expect(outcome(validateValidity('2026-01-01', ''))).toEqual([
			{ validTo: 'Card end date is missing' }
		]);
	});

	it('refuses a day that is not on the calendar, knowing leap years', () => {
		expect(outcome(validateValidity('2026-02-30', '2026-12-31'))).toEqual([
			{ validFrom: 'Card start date "2026-02-30" is not a real calendar date' }
		]);
		expect(outcome(validateValidity('2027-02-29', '2028-02-29'))).toEqual([
			{ validFrom: 'Card start date "2027-02-29" is not a real calendar date' }
		]);
		expect(validateValidity('2028-02-29', '2028-02-29').ok).toBe(true);
	});

	it('reads only YYYY-MM-DD, as a date input gives, and quotes what was typed, trimmed', () => {
		expect(outcome(validateValidity(' 31/12/2026 ', 'next week'))).toEqual([
			{
				validFrom: 'Card start date "31/12/2026" is not a date — use YYYY-MM-DD',
				validTo: 'Card end date "next week" is not a date — use YYYY-MM-DD'
			}
		]);
	});
});

describe('a save from a version that is no longer the stored one', () => {
	const ana: UserInput = { id: 'E1' as UserId, name: 'Ana', userType: 'Employee', title: 'Rep' };

	it('compares the fields of the form only', () => {
		expect(changedFormFields(ana, { ...ana })).toEqual([]);
		expect(
			changedFormFields(ana, { ...ana, name: 'Bea', email: 'b@x.org', title: undefined })
		).toEqual(['name', 'email', 'title']);
	});

	it('says what changed, by what, and what to do', () => {
		expect(changedMeanwhileMessage(['name', 'email', 'title'], 'the import of staff.csv')).toBe(
			'Name, Email and Title were changed by the import of staff.csv since you opened this form, so nothing was saved. Load the current values (what you typed stays), check them and save again.'
		);
		expect(changedMeanwhileMessage(['department'], 'x')).toMatch(/^Department was changed by x /);
	});

	it('loads the current values into the fields the admin did not touch, and keeps what they typed', () => {
		const loaded = userFormValues(ana);
		const typed = { ...loaded, department: 'Ops', title: 'Lead' };
		const current = userFormValues({ ...ana, name: 'Bea', title: 'Manager' });
		expect(withCurrentValues(typed, loaded, current)).toEqual({
			...loaded,
			name: 'Bea',
			department: 'Ops',
			title: 'Lead'
		});
	});
});

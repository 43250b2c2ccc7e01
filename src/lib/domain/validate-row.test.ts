import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from './fields';
import { emptyMapping, type Mapping } from './mapping';
import { cellsOf, FULL_MAPPING, SETTINGS } from '../../../tests/unit/domain/testing';
import { generatedUserId, validateRow, type RowVerdict } from './validate-row';

const errorsOf = (v: RowVerdict): string[] =>
	v.kind === 'invalid' ? v.errors.map((e) => e.message) : [];
const validate = (values: Parameters<typeof cellsOf>[0], settings = SETTINGS) =>
	validateRow(cellsOf(values), FULL_MAPPING, settings);

describe('validateRow', () => {
	it('reads validity dates with times as exports write them, stored as dates', () => {
		const v = validate({
			name: 'Ana Park',
			cardId: '4000037',
			cardStart: '2026-01-01 00:00:00',
			cardEnd: '2030-12-31 23:59:00'
		});
		expect(v.kind === 'valid' && v.row.cards[0]).toMatchObject({
			validFrom: '2026-01-01',
			validTo: '2030-12-31'
		});
		expect(errorsOf(validate({ name: 'Ana Park', cardStart: '2026-01-01 25:00' }))).toEqual([
			'Card start date "2026-01-01 25:00" is not a valid date-time'
		]);
	});

	it('explains a User ID or Card ID that Excel wrote in scientific notation', () => {
		const errors = errorsOf(validate({ userId: '1.23457E+15', name: 'Ana', cardId: '8.8E+15' }));
		expect(errors).toHaveLength(2);
		for (const error of errors) expect(error).toMatch(/Excel rewrote in scientific notation/);
	});

	it('skips a row whose cells are all blank', () => {
		expect(validateRow(['', '  ', '\t'], FULL_MAPPING, SETTINGS)).toEqual({ kind: 'empty' });
		expect(validateRow([], FULL_MAPPING, SETTINGS)).toEqual({ kind: 'empty' });
	});

	it('normalises a valid row: trimmed, email lower-cased, phone digits, canonical card', () => {
		const v = validate({
			userId: ' 6014 ',
			name: '  Padded Name  ',
			email: ' PADDED@Example.org ',
			phone: ' +1 (555) 000-0001 ',
			userType: 'member',
			department: ' Sales ',
			title: 'Rep',
			cardId: ' 0009000014 '
		});
		expect(v).toEqual({
			kind: 'valid',
			row: {
				userId: '6014',
				name: 'Padded Name',
				email: 'padded@example.org',
				phone: '+1 (555) 000-0001',
				phoneDigits: '15550000001',
				userType: 'Member',
				department: 'Sales',
				title: 'Rep',
				cards: [
					{
						number: '9000014',
						enteredAs: { type: 'decimal', digits: '0009000014' },
						validFrom: '2026-01-01',
						validTo: '2026-12-31'
					}
				]
			}
		});
	});

	it('gives null for blank optional cells and unmapped fields', () => {
		const mapping = { ...emptyMapping(), name: 0 };
		const v = validateRow(['Ana'], mapping, SETTINGS);
		expect(v).toEqual({
			kind: 'valid',
			row: {
				userId: null,
				name: 'Ana',
				email: null,
				phone: null,
				phoneDigits: null,
				userType: null,
				department: null,
				title: null,
				cards: []
			}
		});
	});

	it('reads a mapping saved before Image file name existed as not mapping it', () => {
		const { imageFile: _, ...older } = { ...emptyMapping(), name: 0, imageFile: 1 };
		const v = validateRow(['Ana', 'ana.jpg'], older as Mapping, SETTINGS);
		expect(v.kind === 'valid' && v.row).not.toHaveProperty('imageFile');
	});

	it('reads short rows as blank cells', () => {
		expect(validateRow(['1', 'Ana'], FULL_MAPPING, SETTINGS).kind).toBe('valid');
	});

	it('collects every error of the row, each naming field and value', () => {
		const v = validate({
			userId: 'bad id!',
			email: 'bob@',
			phone: '12',
			userType: 'Contractor',
			department: 'x'.repeat(101),
			title: 'y'.repeat(101),
			imageFile: 'a/b.jpg',
			cardId: '12AB',
			cardStart: '2026-02-30',
			cardEnd: 'later'
		});
		expect(v.kind).toBe('invalid');
		expect(v.kind === 'invalid' && v.errors.map((e) => e.field)).toEqual([
			'userId',
			'name',
			'email',
			'phone',
			'userType',
			'department',
			'title',
			'imageFile',
			'cardId',
			'cardStart',
			'cardEnd'
		]);
		expect(errorsOf(v)).toEqual([
			'User ID "bad id!" may only contain letters, digits, - _ and .',
			'Name is missing — every user needs one',
			'Email "bob@" is not a valid address',
			'Phone "12" has 2 digits — a phone number has 7 to 15',
			'User type "Contractor" is not Employee, Visitor or Member',
			`Department "${'x'.repeat(57)}…" is longer than 100 characters`,
			`Title "${'y'.repeat(57)}…" is longer than 100 characters`,
			'Image file name "a/b.jpg" contains a folder — write the file name only, e.g. "b.jpg"',
			'Card ID "12AB" is not a decimal number — choose Hexadecimal if your cards are hex',
			'Card start date "2026-02-30" is not a real calendar date',
			'Card end date "later" is not a date — use YYYY-MM-DD'
		]);
	});

	it('a day-first date under YYYY-MM-DD names the Date format choice that reads it', () => {
		expect(errorsOf(validate({ name: 'A', cardEnd: '31/12/2026' }))).toEqual([
			'Card end date "31/12/2026" is not a date — use YYYY-MM-DD, or choose DD/MM/YYYY under Date format'
		]);
	});

	it('Image file name: a file name, trimmed, kept as written; blank leaves it out', () => {
		const row = (imageFile: string) => {
			const v = validate({ name: 'A', imageFile });
			return v.kind === 'valid' ? v.row : null;
		};
		expect(row(' Ana Park.JPG ')).toMatchObject({ imageFile: 'Ana Park.JPG' });
		// Without an extension: any JPEG, PNG or WebP of that name fits.
		expect(row('ana.park')).toMatchObject({ imageFile: 'ana.park' });
		expect(row('사진 1.webp')).toMatchObject({ imageFile: '사진 1.webp' });
		expect(row('   ')).not.toHaveProperty('imageFile');
		expect(row('x'.repeat(251) + '.jpg')).toMatchObject({ imageFile: 'x'.repeat(251) + '.jpg' });
	});

	it('Image file name: refuses folders, other formats and blank names, saying what to do', () => {
		const errors = (imageFile: string) => errorsOf(validate({ name: 'A', imageFile }));
		expect(errors('photos/ana.jpg')).toEqual([
			'Image file name "photos/ana.jpg" contains a folder — write the file name only, e.g. "ana.jpg"'
		]);
		expect(errors('C:\\Pictures\\Bo.png')).toEqual([
			'Image file name "C:\\Pictures\\Bo.png" contains a folder — write the file name only, e.g. "Bo.png"'
		]);
		expect(errors('photos/')).toEqual([
			'Image file name "photos/" contains a folder — write the file name only'
		]);
		expect(errors('ana.HEIC')).toEqual([
			'Image file name "ana.HEIC" is a HEIC file — use a JPEG, PNG or WebP image and write its name'
		]);
		expect(errors('.png')).toEqual(['Image file name ".png" has no name before the extension']);
		expect(errors('x'.repeat(256))).toEqual([
			`Image file name "${'x'.repeat(57)}…" is longer than 255 characters`
		]);
		expect(validate({ name: 'A', imageFile: 'a/b.jpg' })).toMatchObject({
			kind: 'invalid',
			errors: [{ field: 'imageFile' }]
		});
	});

	it('User ID: 1–32 of letters, digits, - _ .', () => {
		expect(validate({ userId: 'a.B-c_9', name: 'A' }).kind).toBe('valid');
		expect(validate({ userId: 'x'.repeat(32), name: 'A' }).kind).toBe('valid');
		expect(errorsOf(validate({ userId: 'x'.repeat(33), name: 'A' }))).toEqual([
			`User ID "${'x'.repeat(33)}" is longer than 32 characters`
		]);
		expect(validate({ userId: 'é1', name: 'A' }).kind).toBe('invalid');
	});

	it('Name: 1–100 characters after trimming (characters, not UTF-16 units)', () => {
		expect(validate({ name: '가'.repeat(100) }).kind).toBe('valid');
		expect(validate({ name: '😀'.repeat(100) }).kind).toBe('valid');
		expect(errorsOf(validate({ name: 'n'.repeat(101) }))).toEqual([
			`Name "${'n'.repeat(57)}…" is longer than 100 characters`
		]);
		expect(errorsOf(validate({ name: '   ', email: 'a@b.co' }))).toEqual([
			'Name is missing — every user needs one'
		]);
	});

	it('Email: a valid address', () => {
		for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', 'Ünï@exämple.de']) {
			expect(validate({ name: 'A', email: ok }).kind, ok).toBe('valid');
		}
		for (const bad of ['bob@', '@x.org', 'a b@x.org', 'a@x', 'a@@x.org', 'a@x..org', 'a@x.c']) {
			expect(errorsOf(validate({ name: 'A', email: bad })), bad).toEqual([
				`Email "${bad}" is not a valid address`
			]);
		}
	});

	it('Phone: + digits spaces - ( ); 7–15 digits', () => {
		expect(validate({ name: 'A', phone: '010-1001-2001' }).kind).toBe('valid');
		expect(validate({ name: 'A', phone: '1234567' }).kind).toBe('valid');
		expect(validate({ name: 'A', phone: '+123456789012345' }).kind).toBe('valid');
		expect(errorsOf(validate({ name: 'A', phone: '+1234567890123456' }))).toEqual([
			'Phone "+1234567890123456" has 16 digits — a phone number has 7 to 15'
		]);
		expect(errorsOf(validate({ name: 'A', phone: '555 0101 ext 2' }))).toEqual([
			'Phone "555 0101 ext 2" may only contain +, digits, spaces, - ( and )'
		]);
	});

	it('User type: any case; blank is null (Employee when created)', () => {
		const type = (t: string) => {
			const v = validate({ name: 'A', userType: t });
			return v.kind === 'valid' ? v.row.userType : 'invalid';
		};
		expect(type('EMPLOYEE')).toBe('Employee');
		expect(type('visitor')).toBe('Visitor');
		expect(type('Member')).toBe('Member');
		expect(type('')).toBe(null);
		expect(type('Staff')).toBe('invalid');
	});

	it('card dates: the row’s own, else the configured ones, in the chosen format', () => {
		const card = (values: Parameters<typeof cellsOf>[0], settings = SETTINGS) => {
			const v = validate({ name: 'A', cardId: '5', ...values }, settings);
			return v.kind === 'valid' ? v.row.cards[0] : errorsOf(v);
		};
		expect(card({})).toEqual({ number: '5', validFrom: '2026-01-01', validTo: '2026-12-31' });
		expect(card({ cardStart: '2026-03-01' })).toMatchObject({ validFrom: '2026-03-01' });
		expect(
			card(
				{ cardStart: '01/03/2026', cardEnd: '28/02/2028' },
				{ ...SETTINGS, dateFormat: 'DD/MM/YYYY' }
			)
		).toEqual({ number: '5', validFrom: '2026-03-01', validTo: '2028-02-28' });
		expect(card({ cardStart: '2026-06-01', cardEnd: '2026-05-01' })).toEqual([
			'Card end date "2026-05-01" is before Card start date "2026-06-01"'
		]);
		expect(card({ cardStart: '2027-01-01' })).toEqual([
			'End date 2026-12-31 is before Card start date "2027-01-01"'
		]);
		expect(card({ cardEnd: '2025-01-01' })).toEqual([
			'Card end date "2025-01-01" is before Start date 2026-01-01'
		]);
		expect(card({ cardStart: '2026-05-05', cardEnd: '2026-05-05' })).toMatchObject({
			validFrom: '2026-05-05',
			validTo: '2026-05-05'
		});
	});

	it('dates without a card: only an unreadable date is an error', () => {
		expect(validate({ name: 'A', cardStart: '2026-06-01', cardEnd: '2026-05-01' }).kind).toBe(
			'valid'
		);
		expect(errorsOf(validate({ name: 'A', cardEnd: '2026-02-30' }))).toEqual([
			'Card end date "2026-02-30" is not a real calendar date'
		]);
	});

	it('hexadecimal card IDs in Hexadecimal', () => {
		const v = validate(
			{ name: 'A', cardId: '0x00FF10' },
			{ ...SETTINGS, cardIdType: 'hexadecimal' }
		);
		expect(v.kind === 'valid' && v.row.cards).toMatchObject([
			{
				number: '65296',
				enteredAs: { type: 'hexadecimal', digits: '00FF10' }
			}
		]);
	});

	it('a Card ID cell may hold several cards, separated by / ; or |', () => {
		const numbers = (cardId: string, settings = SETTINGS) => {
			const v = validate({ name: 'A', cardId }, settings);
			return v.kind === 'valid' ? v.row.cards.map((c) => c.number) : errorsOf(v);
		};
		expect(numbers('11/22')).toEqual(['11', '22']);
		expect(numbers(' 11 ; 22 | 33 ')).toEqual(['11', '22', '33']);
		expect(numbers('11/')).toEqual(['11']);
		expect(numbers('0x1A/FF', { ...SETTINGS, cardIdType: 'hexadecimal' })).toEqual(['26', '255']);
		expect(numbers('11/0/x')).toEqual([
			'Card ID "0" is zero — card numbers start at 1',
			'Card ID "x" is not a decimal number — use digits only'
		]);
		expect(numbers('11/11')).toEqual([
			'Card ID "11" is written twice in the cell: write each card once'
		]);
		expect(numbers('11/011')).toEqual([
			'Card ID "011" is the same card as "11": write each card once'
		]);
		const v = validate({ name: 'A', cardId: '5/6', cardStart: '2026-03-01' });
		expect(v.kind === 'valid' && v.row.cards.map((c) => c.validFrom)).toEqual([
			'2026-03-01',
			'2026-03-01'
		]);
	});

	it('a later row of a User ID may leave the Name blank', () => {
		expect(validate({ userId: 'U1', cardId: '5' }).kind).toBe('invalid');
		const v = validateRow(cellsOf({ userId: 'U1', cardId: '5' }), FULL_MAPPING, SETTINGS, 3, {
			nameOptional: true
		});
		expect(v.kind === 'valid' && v.row.name).toBe('');
	});

	it('reads back a cell Roster formula-escaped on export', () => {
		const v = validate({ name: "'=HYPERLINK(1)", phone: "'+1 555 000 0001" });
		expect(v.kind === 'valid' && [v.row.name, v.row.phone]).toEqual([
			'=HYPERLINK(1)',
			'+1 555 000 0001'
		]);
		const plain = validate({ name: "O'Brien" });
		expect(plain.kind === 'valid' && plain.row.name).toBe("O'Brien");
	});

	it('never throws on arbitrary cells', () => {
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: 'binary' }), { maxLength: 14 }),
				fc.constantFrom('decimal', 'hexadecimal' as const),
				fc.constantFrom('YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY' as const),
				(cells, cardIdType, dateFormat) => {
					const v = validateRow(cells, FULL_MAPPING, { ...SETTINGS, cardIdType, dateFormat });
					expect(['empty', 'valid', 'invalid']).toContain(v.kind);
					if (v.kind === 'invalid') expect(v.errors.length).toBeGreaterThan(0);
				}
			)
		);
	});

	it('never throws on arbitrary cells with cells that look like values', () => {
		const cell = fc.oneof(
			fc.string(),
			fc.constantFrom('', ' ', '0', '0x', '2026-02-29', '12/31/2026', 'a@b.co', '+1 (5)', 'member')
		);
		fc.assert(
			fc.property(
				fc.array(cell, { minLength: FIELD_KEYS.length, maxLength: FIELD_KEYS.length }),
				(cells) => {
					validateRow(cells, FULL_MAPPING, SETTINGS);
				}
			)
		);
	});

	it('refuses a control character in any field, naming the field, the row and what to do', () => {
		const v = validateRow(
			cellsOf({ userId: '7001', name: 'Ana\u0000Nul' }),
			FULL_MAPPING,
			SETTINGS,
			70
		);
		expect(v).toEqual({
			kind: 'invalid',
			errors: [
				{
					field: 'name',
					message:
						'Name "Ana␀Nul" holds an invisible control character (U+0000) at character 4 in row 70: delete it from the cell in your file (retype the text if you cannot see it) and import the row again'
				}
			]
		});
		for (const [key, value] of [
			['email', 'a\u0007b@example.org'],
			['phone', '555\n0100 200'],
			['department', 'Sales\u007f'],
			['title', 'Lead\u0085'],
			['cardId', '12\u001b34'],
			['userId', 'U\u00001']
		] as const) {
			const verdict = validate({ name: 'Ana', [key]: value });
			expect(verdict.kind, key).toBe('invalid');
			expect(verdict.kind === 'invalid' ? verdict.errors : [], key).toEqual([
				{
					field: key,
					message: expect.stringContaining('holds an invisible control character') as string
				}
			]);
		}
	});

	it('lets free text hold a tab or a line break, as a quoted cell may', () => {
		const v = validate({ name: 'Ana\tPark', department: 'Sales\r\nEast', title: 'Lead\nRep' });
		expect(v.kind).toBe('valid');
	});
});

describe('generatedUserId', () => {
	it('is deterministic, valid, and differs by row and session', () => {
		const a = generatedUserId('3f9a1c2e-7b6d-4c1a-9e3f-0a1b2c3d4e5f', 18);
		expect(a).toBe('G3f9a1c2e-18');
		expect(generatedUserId('3f9a1c2e-7b6d-4c1a-9e3f-0a1b2c3d4e5f', 18)).toBe(a);
		expect(generatedUserId('3f9a1c2e-7b6d-4c1a-9e3f-0a1b2c3d4e5f', 19)).not.toBe(a);
		expect(generatedUserId('', 1)).toBe('Gx-1');
		fc.assert(
			fc.property(fc.string(), fc.integer({ min: 1, max: 10_000_000 }), (s, row) => {
				expect(generatedUserId(s, row)).toMatch(/^[A-Za-z0-9._-]{1,32}$/);
			})
		);
	});
});

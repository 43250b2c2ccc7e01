import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, FIELDS } from './fields';
import { normaliseHeader } from './header-normalise';
import { autoMap, isMappingUsable, remapToHeaders, type MappedKey } from './mapping';
import { joinNameParts, likelyNameOrder, NAME_PART_KEYS, NAME_PARTS } from './name-parts';
import { SETTINGS } from '../../../tests/unit/domain/testing';
import { validateRow } from './validate-row';

describe('joinNameParts', () => {
	it('joins the non-blank parts in the chosen order, the middle name after the given name', () => {
		const parts = { first: 'Ana', middle: 'María', last: 'Park' };
		expect(joinNameParts(parts, 'given-first')).toBe('Ana María Park');
		expect(joinNameParts(parts, 'family-first')).toBe('Park Ana María');
		expect(joinNameParts({ first: ' Ana ', middle: '', last: ' de  la Cruz' }, 'given-first')).toBe(
			'Ana de la Cruz'
		);
		expect(joinNameParts({ first: '', middle: '', last: 'Park' }, 'given-first')).toBe('Park');
		expect(joinNameParts({ first: '', middle: ' ', last: '' }, 'given-first')).toBe('');
	});

	it('writes Korean, Japanese and Chinese names without a space between the parts', () => {
		expect(joinNameParts({ first: '지민', middle: '', last: '박' }, 'family-first')).toBe('박지민');
		expect(joinNameParts({ first: '太郎', middle: '', last: '山田' }, 'family-first')).toBe(
			'山田太郎'
		);
		expect(joinNameParts({ first: 'Béla', middle: '', last: 'Nagy' }, 'family-first')).toBe(
			'Nagy Béla'
		);
		expect(joinNameParts({ first: 'Jimin', middle: '', last: '박' }, 'family-first')).toBe(
			'박 Jimin'
		);
	});

	it('property: the joined name holds every non-blank part once, in order, and nothing else', () => {
		const word = fc.stringMatching(/^[A-Za-zÀ-ÿ'-]{1,12}$/);
		const part = fc.oneof(
			fc.constant(''),
			word,
			fc.tuple(word, word).map(([a, b]) => `${a} ${b}`)
		);
		fc.assert(
			fc.property(
				part,
				part,
				part,
				fc.constantFrom(...(['given-first', 'family-first'] as const)),
				(first, middle, last, order) => {
					const joined = joinNameParts({ first: ` ${first}`, middle, last: `${last} ` }, order);
					const expected = (
						order === 'given-first' ? [first, middle, last] : [last, first, middle]
					).filter((p) => p !== '');
					expect(joined).toBe(expected.join(' '));
					expect(joined).toBe(joined.trim());
					expect(joined).not.toMatch(/\s{2}/);
				}
			)
		);
	});

	it('guesses family name first from a Korean, Japanese or Chinese last-name header', () => {
		expect(likelyNameOrder('성')).toBe('family-first');
		expect(likelyNameOrder('姓')).toBe('family-first');
		expect(likelyNameOrder('Last name')).toBe('given-first');
		expect(likelyNameOrder(undefined)).toBe('given-first');
	});
});

describe('name parts in the mapping', () => {
	const mapped = (headers: string[]) => {
		const m = autoMap(headers);
		const keys: MappedKey[] = ['name', ...NAME_PART_KEYS];
		return {
			...Object.fromEntries(
				keys.flatMap((k) => {
					const column = m[k];
					return column == null ? [] : [[k, headers[column]]];
				})
			),
			order: m.nameOrder
		};
	};

	it('never gives a part a name that a field has, except the ones that mean both', () => {
		const fieldNames = new Set(
			FIELD_KEYS.flatMap((k) => [FIELDS[k].label, ...FIELDS[k].aliases].map(normaliseHeader))
		);
		const both = NAME_PART_KEYS.flatMap((k) => NAME_PARTS[k].aliases).filter((a) =>
			fieldNames.has(normaliseHeader(a))
		);
		expect(both.sort()).toEqual(['Nom', 'Nombre', '이름'].sort());
	});

	it('builds Name from first and last name columns in every language of the catalogue', () => {
		expect(mapped(['First name', 'Last name', 'Email'])).toEqual({
			firstName: 'First name',
			lastName: 'Last name',
			order: 'given-first'
		});
		expect(mapped(['Vorname', 'Nachname'])).toMatchObject({
			firstName: 'Vorname',
			lastName: 'Nachname'
		});
		expect(mapped(['Prénom', 'Nom'])).toEqual({
			firstName: 'Prénom',
			lastName: 'Nom',
			order: 'given-first'
		});
		expect(mapped(['Nombre', 'Apellidos'])).toMatchObject({
			firstName: 'Nombre',
			lastName: 'Apellidos'
		});
		expect(mapped(['성', '이름', '이메일'])).toEqual({
			firstName: '이름',
			lastName: '성',
			order: 'family-first'
		});
		expect(mapped(['姓', '名'])).toEqual({
			firstName: '名',
			lastName: '姓',
			order: 'family-first'
		});
		expect(mapped(['Given name', 'Middle name', 'Surname'])).toMatchObject({
			firstName: 'Given name',
			middleName: 'Middle name',
			lastName: 'Surname'
		});
		expect(mapped(['Name', 'Surname'])).toMatchObject({ firstName: 'Name', lastName: 'Surname' });
		expect(mapped(['Name [displayName]', 'Last name [surname]'])).toMatchObject({
			name: 'Name [displayName]',
			lastName: 'Last name [surname]'
		});
	});

	it('keeps a whole-name column and takes no Name found only inside another header', () => {
		expect(mapped(['Full name', 'First name', 'Last name'])).toMatchObject({
			name: 'Full name',
			firstName: 'First name',
			lastName: 'Last name'
		});
		expect(mapped(['First Name [Required]', 'Floor Name', 'Last Name [Required]'])).toEqual({
			firstName: 'First Name [Required]',
			lastName: 'Last Name [Required]',
			order: 'given-first'
		});
		// Without parts, a lone Name or 이름 is the whole name, as before.
		expect(mapped(['이름', '이메일'])).toEqual({ name: '이름', order: undefined });
		expect(mapped(['Nom', 'Courriel'])).toEqual({ name: 'Nom', order: undefined });
	});

	it('is usable with parts only, and the parts and the order follow their columns', () => {
		const m = autoMap(['Last name', 'First name', 'Email']);
		expect(isMappingUsable(m)).toBe(true);
		const again = remapToHeaders(
			{ ...m, nameOrder: 'family-first' },
			['Last name', 'First name', 'Email'],
			['Email', 'First name', 'Last name']
		);
		expect(again).toMatchObject({ firstName: 1, lastName: 2, email: 0, nameOrder: 'family-first' });
	});
});

describe('Name from parts in a row', () => {
	const headers = ['ID', 'Display name', 'First name', 'Middle name', 'Last name'];
	const mapping = autoMap(headers);

	it('joins the parts where the Name cell is blank and keeps a Name cell that is filled', () => {
		const name = (cells: string[], order = mapping.nameOrder) => {
			const v = validateRow(cells, { ...mapping, nameOrder: order }, SETTINGS);
			return v.kind === 'valid' ? v.row.name : v.kind === 'invalid' ? v.errors[0]!.message : '';
		};
		expect(mapping).toMatchObject({ name: 1, firstName: 2, middleName: 3, lastName: 4 });
		expect(name(['1', '', 'Ana', 'María', 'Park'])).toBe('Ana María Park');
		expect(name(['1', '', 'Ana', '', 'Park'], 'family-first')).toBe('Park Ana');
		expect(name(['1', 'Ana P.', 'Ana', '', 'Park'])).toBe('Ana P.');
		expect(name(['1', '', '', '', ''])).toBe('Name is missing — every user needs one');
		expect(name(['1', '', '=Ana', '', 'Park'])).toBe('=Ana Park');
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, FIELDS } from './fields';
import { normaliseHeader } from './header-normalise';
import {
	columnOf,
	autoMap,
	emptyMapping,
	isMappingUsable,
	mappingFingerprint,
	remapToHeaders,
	type Mapping
} from './mapping';

const mapped = (m: Mapping) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null));

describe('fields', () => {
	it('has the exact labels in order, Name the only required one', () => {
		expect(FIELD_KEYS.map((k) => FIELDS[k].label)).toEqual([
			'User ID',
			'Name',
			'Email',
			'Phone',
			'User type',
			'Department',
			'Title',
			'Image file name',
			'Card ID',
			'Card format',
			'Facility code',
			'Card number',
			'Card start date',
			'Card end date'
		]);
		expect(FIELD_KEYS.filter((k) => FIELDS[k].required)).toEqual(['name']);
		for (const k of FIELD_KEYS) expect(FIELDS[k].key).toBe(k);
	});

	it('never gives two fields the same name once normalised', () => {
		const owner = new Map<string, string>();
		// The one exception: a CSN's and a Wiegand card's number share names (`Card No`); a facility
		// code column beside it decides (autoMap, tested below).
		const shared = (a: string | undefined, b: string) =>
			(a === 'cardId' && b === 'cardNumber') || (a === 'cardNumber' && b === 'cardId');
		for (const key of FIELD_KEYS) {
			for (const name of [FIELDS[key].label, ...FIELDS[key].aliases]) {
				const n = normaliseHeader(name);
				const other = owner.get(n);
				expect(
					other === undefined || other === key || shared(other, key),
					`${name}: ${other} and ${key}`
				).toBe(true);
				owner.set(n, key);
			}
		}
	});
});

describe('normaliseHeader', () => {
	it('ignores case, accents, punctuation, spacing and requiredness notes', () => {
		for (const h of [
			'E-mail',
			'e mail',
			' EMAIL ',
			'Email*',
			'Email (required)',
			'E-mail [email] Required',
			'Émail',
			'Email（必須）'
		]) {
			expect(normaliseHeader(h), h).toBe('email');
		}
		expect(normaliseHeader('Name [displayName] Required')).toBe('name');
		expect(normaliseHeader('사용자 ID')).toBe('사용자id');
	});
});

describe('autoMap', () => {
	it('maps the template’s own header exactly', () => {
		const headers = FIELD_KEYS.map((k) => FIELDS[k].label);
		expect(autoMap(headers)).toEqual(Object.fromEntries(FIELD_KEYS.map((k, i) => [k, i])));
	});

	it('knows English variants', () => {
		expect(
			autoMap([
				'Employee ID',
				'Full name',
				'Email Address',
				'Tel',
				'Dept',
				'Job title',
				'Card number',
				'Valid from',
				'Expiry'
			])
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			userType: null,
			department: 4,
			title: 5,
			imageFile: null,
			cardId: 6,
			cardFormat: null,
			facilityCode: null,
			cardNumber: null,
			cardStart: 7,
			cardEnd: 8
		});
		expect(mapped(autoMap(['Mail', 'Mobile', 'Start date', 'End date', 'ID']))).toEqual({
			userId: 4,
			email: 0,
			phone: 1,
			cardStart: 2,
			cardEnd: 3
		});
	});

	it('knows Korean, Japanese, French, German and Spanish names', () => {
		expect(
			mapped(autoMap(['사용자 ID', '이름', '이메일', '전화번호', '부서', '카드 번호']))
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5
		});
		expect(
			mapped(autoMap(['社員番号', '氏名', 'メールアドレス', '電話番号', '部署', 'カード番号']))
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5
		});
		expect(
			mapped(
				autoMap([
					'Matricule',
					'Nom',
					'Courriel',
					'Téléphone',
					'Service',
					'Numéro de carte',
					'Date de début',
					'Date de fin'
				])
			)
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5,
			cardStart: 6,
			cardEnd: 7
		});
		expect(
			mapped(
				autoMap([
					'Personalnummer',
					'Name',
					'E-Mail',
					'Telefon',
					'Abteilung',
					'Kartennummer',
					'Gültig ab',
					'Gültig bis'
				])
			)
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5,
			cardStart: 6,
			cardEnd: 7
		});
		expect(
			mapped(
				autoMap([
					'ID de usuario',
					'Nombre',
					'Correo electrónico',
					'Teléfono',
					'Departamento',
					'Número de tarjeta'
				])
			)
		).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5
		});
	});

	it('maps an image file name column, in every language it knows', () => {
		for (const header of [
			'Image file name',
			'image_file_name',
			'Photo',
			'Photo file',
			'Picture',
			'Profile picture',
			'Image (optional)',
			'사진 파일명',
			'写真ファイル名',
			'Nom du fichier image',
			'Bilddatei',
			'Archivo de imagen'
		]) {
			expect(mapped(autoMap(['User ID', 'Name', header])), header).toEqual({
				userId: 0,
				name: 1,
				imageFile: 2
			});
		}
	});

	it('gives a File name column to the image, though its words contain Name', () => {
		expect(mapped(autoMap(['File name', 'Name', 'Employee ID']))).toEqual({
			imageFile: 0,
			name: 1,
			userId: 2
		});
	});

	it('reads through bracketed notes and asterisks', () => {
		expect(
			mapped(autoMap(['Name [displayName] Required', 'Email (required)', 'Card ID*']))
		).toEqual({
			name: 0,
			email: 1,
			cardId: 2
		});
	});

	it('prefers an exact match over a partial one, and maps partial matches when nothing better', () => {
		// `Card number` (exact) beats `Card number (old)` … which is also exact once noted away,
		// so the first column wins; a partial `Work email` loses to the exact `Email`.
		expect(mapped(autoMap(['Work email address', 'Email']))).toEqual({ email: 1 });
		expect(mapped(autoMap(['Primary email', 'Name']))).toEqual({ email: 0, name: 1 });
		expect(mapped(autoMap(['Card expiry date']))).toEqual({ cardEnd: 0 });
	});

	it('maps Wiegand columns beside a facility code, and Card number to Card ID without one', () => {
		expect(mapped(autoMap(['Name', 'facility_code', 'card_number']))).toEqual({
			name: 0,
			facilityCode: 1,
			cardNumber: 2
		});
		expect(mapped(autoMap(['Name', 'Site code', 'Card No']))).toEqual({
			name: 0,
			facilityCode: 1,
			cardNumber: 2
		});
		expect(mapped(autoMap(['Name', 'FC', 'CN', 'Card format']))).toEqual({
			name: 0,
			facilityCode: 1,
			cardNumber: 2,
			cardFormat: 3
		});
		expect(mapped(autoMap(['Name', 'Company ID', 'Card number', 'CSN']))).toEqual({
			name: 0,
			facilityCode: 1,
			cardNumber: 2,
			cardId: 3
		});
		expect(mapped(autoMap(['Name', 'Card number']))).toEqual({ name: 0, cardId: 1 });
		expect(mapped(autoMap(['Name', 'Card No']))).toEqual({ name: 0, cardId: 1 });
	});

	it('never maps one column to two fields or two columns to one field', () => {
		expect(mapped(autoMap(['Name', 'Name', 'Full name']))).toEqual({ name: 0 });
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.string(),
						fc.constantFrom(...FIELD_KEYS.flatMap((k) => [FIELDS[k].label, ...FIELDS[k].aliases]))
					),
					{ maxLength: 20 }
				),
				(headers) => {
					const m = autoMap(headers);
					const columns = Object.values(m).filter((v): v is number => typeof v === 'number');
					expect(new Set(columns).size).toBe(columns.length);
					for (const c of columns) expect(c).toBeLessThan(headers.length);
				}
			)
		);
	});

	it('maps nothing for unrelated names', () => {
		expect(autoMap(['Site: Headquarters', '', 'Notes'])).toEqual(emptyMapping());
	});
});

describe('columnOf', () => {
	it('gives the mapped column, and None for a field the stored mapping predates', () => {
		const stored: Partial<Mapping> = { ...emptyMapping(), name: 2 };
		delete stored.imageFile;
		const old = stored as Mapping;
		expect(columnOf(old, 'name')).toBe(2);
		expect(columnOf(old, 'email')).toBeNull();
		expect(columnOf(old, 'imageFile')).toBeNull();
	});
});

describe('isMappingUsable', () => {
	it('needs Name', () => {
		expect(isMappingUsable(emptyMapping())).toBe(false);
		expect(isMappingUsable({ ...emptyMapping(), name: 3 })).toBe(true);
	});
});

describe('mappingFingerprint', () => {
	it('is stable, order-sensitive and blind to case and spacing', () => {
		const a = mappingFingerprint(['User ID', 'Name']);
		expect(a).toBe(mappingFingerprint(['user  id ', ' NAME']));
		expect(a).not.toBe(mappingFingerprint(['Name', 'User ID']));
		expect(a).not.toBe(mappingFingerprint(['User ID', 'Name', '']));
		expect(a).toMatch(/^h2-[0-9a-f]{16}$/);
	});
});

describe('remapToHeaders', () => {
	it('follows columns by name and drops the missing ones', () => {
		const saved = { ...emptyMapping(), name: 0, email: 1, phone: 2 };
		expect(remapToHeaders(saved, ['Name', 'Email', 'Phone'], ['email', 'Dept', 'Name'])).toEqual({
			...emptyMapping(),
			name: 2,
			email: 0
		});
	});
});

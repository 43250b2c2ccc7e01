/**
 * Names from parts: files that split a name into first, middle and last name columns (Okta,
 * Google Workspace, Entra, most HR exports) fill Name from them (see docs/architecture.md "Data
 * mapping"). The parts are mapped like fields but stored only joined, as the user's Name.
 */

export type NamePartKey = 'firstName' | 'middleName' | 'lastName';

/** The order of the Configure screen. */
export const NAME_PART_KEYS: readonly NamePartKey[] = ['firstName', 'middleName', 'lastName'];

/**
 * How the parts are joined: given name first (`Ana Park`), or family name first, as Korean,
 * Japanese, Chinese and Hungarian names are written (`박지민`, `Nagy Béla`).
 */
export type NameOrder = 'given-first' | 'family-first';
export const NAME_ORDERS: readonly NameOrder[] = ['given-first', 'family-first'];

export interface NamePartSpec {
	key: NamePartKey;
	/** Exact label of the mapping select. */
	label: string;
	/** Header names that mean this part; compared after normalising, like field aliases. */
	aliases: readonly string[];
}

export const NAME_PARTS: Record<NamePartKey, NamePartSpec> = {
	firstName: {
		key: 'firstName',
		label: 'First name',
		aliases: [
			'Firstname',
			'Given name',
			'givenName',
			'Forename',
			'Christian name',
			// Korean (이름 alone is the whole name unless a family-name column sits beside it)
			'이름',
			'명',
			// Japanese
			'名',
			'下の名前',
			'ファーストネーム',
			// French
			'Prénom',
			// German
			'Vorname',
			// Spanish
			'Nombre',
			'Nombre de pila'
		]
	},
	middleName: {
		key: 'middleName',
		label: 'Middle name',
		aliases: [
			'Middlename',
			'Middle initial',
			'Middle names',
			'Second name',
			// Japanese
			'ミドルネーム',
			// French
			'Deuxième prénom',
			'Second prénom',
			// German
			'Zweiter Vorname',
			'Weitere Vornamen',
			// Spanish
			'Segundo nombre'
		]
	},
	lastName: {
		key: 'lastName',
		label: 'Last name',
		aliases: [
			'Lastname',
			'Surname',
			'sn',
			'Family name',
			'familyName',
			// Korean
			'성',
			'성씨',
			// Japanese
			'姓',
			'苗字',
			'名字',
			'ラストネーム',
			// French (Nom alone is the whole name unless a Prénom column sits beside it)
			'Nom',
			'Nom de famille',
			// German
			'Nachname',
			'Familienname',
			// Spanish
			'Apellido',
			'Apellidos',
			'Primer apellido'
		]
	}
};

/** Scripts whose names are written without a space between family and given name. */
const UNSPACED = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export interface NameParts {
	first: string;
	middle: string;
	last: string;
}

/**
 * The Name of a row from its parts: the non-blank parts in `order` (a middle name stays after the
 * given name), each trimmed, inner runs of spaces made one. They are joined by a space, except
 * between two parts in Hangul or Han/kana, which are written together (`박` + `지민` → `박지민`).
 * '' when every part is blank.
 */
export function joinNameParts({ first, middle, last }: NameParts, order: NameOrder): string {
	const given = [first, middle];
	const ordered = order === 'family-first' ? [last, ...given] : [...given, last];
	const parts = ordered.map((part) => part.trim().replace(/\s+/g, ' ')).filter((p) => p !== '');
	let joined = parts[0] ?? '';
	for (const part of parts.slice(1)) {
		const together = UNSPACED.test(joined.slice(-1)) && UNSPACED.test(part.charAt(0));
		joined += together ? part : ` ${part}`;
	}
	return joined;
}

/**
 * The order a file's parts are most likely written in: family first when the last-name column is
 * named in Korean, Japanese or Chinese (a file from there holds names from there); the admin can
 * change it in Configure.
 */
export function likelyNameOrder(lastNameHeader: string | undefined): NameOrder {
	return lastNameHeader !== undefined && UNSPACED.test(lastNameHeader)
		? 'family-first'
		: 'given-first';
}

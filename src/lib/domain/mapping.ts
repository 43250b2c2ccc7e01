/**
 * Data mapping: which column of the file fills which field. Auto-mapping suggests one from the
 * header names; the admin can change it. A column fills at most one field and a field reads at
 * most one column, so a suggestion never silently imports the same cell twice. Name may also be
 * built from first, middle and last name columns (name-parts.ts; docs/architecture.md "Data
 * mapping").
 */
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import { headerTokens, normaliseHeader } from './header-normalise';
import {
	likelyNameOrder,
	NAME_PART_KEYS,
	NAME_PARTS,
	type NameOrder,
	type NamePartKey
} from './name-parts';

/** What a column can be mapped to: a field, or a part of Name. */
export type MappedKey = FieldKey | NamePartKey;
export const MAPPED_KEYS: readonly MappedKey[] = [...FIELD_KEYS, ...NAME_PART_KEYS];

/**
 * Field (or name part) → 0-based column index, or null for None. The parts and the order are
 * optional: a mapping stored before they existed has none, which means None and given name first.
 */
export type Mapping = Record<FieldKey, number | null> &
	Partial<Record<NamePartKey, number | null>> & { nameOrder?: NameOrder };

/** Every field at None. The name parts are left out (None) until one is mapped. */
export function emptyMapping(): Mapping {
	const mapping = {} as Mapping;
	for (const key of FIELD_KEYS) mapping[key] = null;
	return mapping;
}

/**
 * The column of a field, or null for None. A mapping stored before a field existed has no entry
 * for it, which also means None.
 */
export function columnOf(mapping: Mapping, key: MappedKey): number | null {
	return mapping[key] ?? null;
}

/** True when Name is built from its parts: a first or a last name column is mapped. */
export function hasNameParts(mapping: Mapping): boolean {
	return columnOf(mapping, 'firstName') !== null || columnOf(mapping, 'lastName') !== null;
}

/** Whether a field gets a value from the file: its column, or for Name its parts. */
export function isFieldMapped(mapping: Mapping, key: FieldKey): boolean {
	return columnOf(mapping, key) !== null || (key === 'name' && hasNameParts(mapping));
}

/** Name is the only required field; without it (or its parts) no row can be imported. */
export function isMappingUsable(m: Mapping): boolean {
	return isFieldMapped(m, 'name');
}

const EXACT_LABEL = 100;
const EXACT_ALIAS = 90;
/** Partial matches score below any exact one, scaled by how much of the header they explain. */
const PARTIAL_MAX = 60;
/** Below this share of the header explained, a partial match is a guess not worth offering. */
const PARTIAL_MIN_COVERAGE = 0.34;

interface Candidate {
	key: MappedKey;
	names: { compact: string; tokens: string[]; isLabel: boolean }[];
}

const specOf = (key: MappedKey) =>
	key in FIELDS ? FIELDS[key as FieldKey] : NAME_PARTS[key as NamePartKey];

const CANDIDATES: Candidate[] = MAPPED_KEYS.map((key) => ({
	key,
	names: [specOf(key).label, ...specOf(key).aliases].map((name, i) => ({
		compact: normaliseHeader(name),
		tokens: headerTokens(name),
		isLabel: i === 0
	}))
}));

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * A property name in square brackets (`User name [userPrincipalName] Required`, as Entra writes
 * its headers): the column's name in the system it came from, often plainer than the label.
 */
const PROPERTY = /\[\s*([A-Za-z][A-Za-z0-9_.]*)\s*\]/;

/**
 * How well one header names one field: 0 = not at all. A header with a bracketed property name
 * is judged by its label and by that name, whichever says more.
 */
export function matchScore(header: string, key: MappedKey): number {
	const property = PROPERTY.exec(header)?.[1];
	const byLabel = labelScore(header, key);
	return property === undefined ? byLabel : Math.max(byLabel, labelScore(property, key));
}

function labelScore(header: string, key: MappedKey): number {
	const compact = normaliseHeader(header);
	if (compact.length === 0) return 0;
	const tokens = headerTokens(header);
	const candidate = CANDIDATES.find((c) => c.key === key);
	let best = 0;
	for (const name of candidate?.names ?? []) {
		if (name.compact.length === 0) continue;
		if (name.compact === compact) {
			best = Math.max(best, name.isLabel ? EXACT_LABEL : EXACT_ALIAS);
			continue;
		}
		// Partial: all the alias's words appear in the header (`Work E-mail` ⊇ `E-mail`), or, for
		// scripts written without spaces, the alias appears inside the header (`카드번호(필수)`).
		const wordsContained = name.tokens.every((t) => tokens.includes(t));
		const minInside = ASCII_ONLY.test(name.compact) ? 4 : 2;
		const inside = name.compact.length >= minInside && compact.includes(name.compact);
		if (!wordsContained && !inside) continue;
		const coverage = name.compact.length / compact.length;
		if (coverage < PARTIAL_MIN_COVERAGE) continue;
		best = Math.max(best, PARTIAL_MAX * coverage);
	}
	return best;
}

/**
 * Suggests a mapping: every (column, field) pair is scored, then the best pairs are taken first,
 * each column and each field used once. Ties go to the earlier field, then the earlier column.
 * Then Name and its parts are settled (see `settleName`).
 */
export function autoMap(headers: readonly string[]): Mapping {
	const mapping = bestPairs(headers, null);
	// A Wiegand card is a facility code AND a card number: beside a facility code column a header
	// both fields know (`Card No`) is the Wiegand card number; without one it is the CSN (Card ID),
	// as files without Wiegand cards mean it.
	if (mapping.facilityCode !== null) return bestPairs(headers, 'cardNumber');
	if (mapping.cardNumber === null) return mapping;
	return bestPairs(headers, null, new Set<MappedKey>(['facilityCode', 'cardNumber']));
}

/** The best pairs taken first; `preferred` wins ties, fields in `left` take no column. */
function bestPairs(
	headers: readonly string[],
	preferred: FieldKey | null,
	left: ReadonlySet<MappedKey> = new Set()
): Mapping {
	const pairs: { column: number; field: number; score: number }[] = [];
	headers.forEach((header, column) => {
		MAPPED_KEYS.forEach((key, field) => {
			if (left.has(key)) return;
			const score = matchScore(header, key);
			if (score > 0) pairs.push({ column, field, score });
		});
	});
	const first = preferred === null ? -1 : MAPPED_KEYS.indexOf(preferred);
	const rank = (field: number): number => (field === first ? -1 : field);
	pairs.sort((a, b) => b.score - a.score || rank(a.field) - rank(b.field) || a.column - b.column);
	const mapping = emptyMapping();
	const usedColumns = new Set<number>();
	let nameScore = 0;
	for (const { column, field, score } of pairs) {
		const key = MAPPED_KEYS[field];
		if (key === undefined || columnOf(mapping, key) !== null || usedColumns.has(column)) continue;
		mapping[key] = column;
		usedColumns.add(column);
		if (key === 'name') nameScore = score;
	}
	return settleName(mapping, headers, nameScore);
}

/**
 * Name beside its parts. A header that names both the whole name and a part (`이름`, `Nom`,
 * `Nombre`), or is just `Name`, is that part when the other part has a column of its own
 * (`성` + `이름`, `Name` + `Surname`). A Name found only inside another header (`First Name`
 * holds "Name", `Floor Name`) is no Name when the parts are there: the parts say more. A Name
 * column that is a name of its own (`displayName`, `Name [displayName]`) stays, and the parts
 * fill the rows where it is blank. The order follows the file's language.
 */
function settleName(mapping: Mapping, headers: readonly string[], nameScore: number): Mapping {
	const name = mapping.name;
	const header = name === null ? undefined : headers[name];
	if (name !== null && header !== undefined) {
		for (const [part, other] of [
			['firstName', 'lastName'],
			['lastName', 'firstName']
		] as const) {
			if (columnOf(mapping, part) === null && columnOf(mapping, other) !== null) {
				if (matchScore(header, part) >= EXACT_ALIAS || isPlainName(header)) {
					mapping[part] = name;
					mapping.name = null;
				}
			}
		}
		if (mapping.name !== null && hasNameParts(mapping) && nameScore < EXACT_ALIAS) {
			mapping.name = null;
		}
	}
	const last = columnOf(mapping, 'lastName');
	if (hasNameParts(mapping)) {
		mapping.nameOrder = likelyNameOrder(last === null ? undefined : headers[last]);
	}
	return mapping;
}

/** `Name` and nothing more: beside `Surname` it is the given name, beside `Prénom` the family name. */
const isPlainName = (header: string): boolean =>
	normaliseHeader(header) === normaliseHeader(FIELDS.name.label) && !PROPERTY.test(header);

/** Header names compared without case or spacing differences. */
function fingerprintName(header: string): string {
	return header.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A short, stable key for the shape of a header row, so the mapping saved for a file can be
 * offered again for the next file with the same columns in the same order.
 */
export function mappingFingerprint(headers: readonly string[]): string {
	// FNV-1a 64-bit over the names joined by a unit separator (which a header cannot contain).
	const text = headers.map(fingerprintName).join('\u001f');
	let hash = 0xcbf29ce484222325n;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= BigInt(byte);
		hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return `h${headers.length}-${hash.toString(16).padStart(16, '0')}`;
}

/**
 * Carries a saved mapping over to a file whose columns moved: each field follows its column by
 * name. A field whose column is gone becomes None.
 */
export function remapToHeaders(
	saved: Mapping,
	savedHeaders: readonly string[],
	headers: readonly string[]
): Mapping {
	const mapping = emptyMapping();
	if (saved.nameOrder !== undefined) mapping.nameOrder = saved.nameOrder;
	const used = new Set<number>();
	const names = headers.map(fingerprintName);
	for (const key of MAPPED_KEYS) {
		const index = columnOf(saved, key);
		if (index === null) continue;
		const savedName = savedHeaders[index];
		if (savedName === undefined) continue;
		const wanted = fingerprintName(savedName);
		const found = names.findIndex((n, i) => n === wanted && !used.has(i));
		if (found >= 0) {
			mapping[key] = found;
			used.add(found);
		}
	}
	return mapping;
}

/**
 * Data mapping: which column of the file fills which field. Auto-mapping suggests one from the
 * header names; the admin can change it. A column fills at most one field and a field reads at
 * most one column, so a suggestion never silently imports the same cell twice.
 */
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import { headerTokens, normaliseHeader } from './header-normalise';

/** Field → 0-based column index, or null for None. */
export type Mapping = Record<FieldKey, number | null>;

export function emptyMapping(): Mapping {
	const mapping = {} as Mapping;
	for (const key of FIELD_KEYS) mapping[key] = null;
	return mapping;
}

/**
 * The column of a field, or null for None. A mapping stored before a field existed has no entry
 * for it, which also means None.
 */
export function columnOf(mapping: Mapping, key: FieldKey): number | null {
	return mapping[key] ?? null;
}

/** Name is the only required field; without it no row can be imported. */
export function isMappingUsable(m: Mapping): boolean {
	return m.name !== null;
}

const EXACT_LABEL = 100;
const EXACT_ALIAS = 90;
/** Partial matches score below any exact one, scaled by how much of the header they explain. */
const PARTIAL_MAX = 60;
/** Below this share of the header explained, a partial match is a guess not worth offering. */
const PARTIAL_MIN_COVERAGE = 0.34;

interface Candidate {
	key: FieldKey;
	names: { compact: string; tokens: string[]; isLabel: boolean }[];
}

const CANDIDATES: Candidate[] = FIELD_KEYS.map((key) => ({
	key,
	names: [FIELDS[key].label, ...FIELDS[key].aliases].map((name, i) => ({
		compact: normaliseHeader(name),
		tokens: headerTokens(name),
		isLabel: i === 0
	}))
}));

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** How well one header names one field: 0 = not at all. */
export function matchScore(header: string, key: FieldKey): number {
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
 */
export function autoMap(headers: readonly string[]): Mapping {
	const mapping = bestPairs(headers, null);
	// A Wiegand card is a facility code AND a card number: beside a facility code column a header
	// both fields know (`Card No`) is the Wiegand card number; without one it is the CSN (Card ID),
	// as files without Wiegand cards mean it.
	if (mapping.facilityCode !== null) return bestPairs(headers, 'cardNumber');
	if (mapping.cardNumber === null) return mapping;
	return bestPairs(headers, null, new Set<FieldKey>(['facilityCode', 'cardNumber']));
}

/** The best pairs taken first; `preferred` wins ties, fields in `left` take no column. */
function bestPairs(
	headers: readonly string[],
	preferred: FieldKey | null,
	left: ReadonlySet<FieldKey> = new Set()
): Mapping {
	const pairs: { column: number; field: number; score: number }[] = [];
	headers.forEach((header, column) => {
		FIELD_KEYS.forEach((key, field) => {
			if (left.has(key)) return;
			const score = matchScore(header, key);
			if (score > 0) pairs.push({ column, field, score });
		});
	});
	const first = preferred === null ? -1 : FIELD_KEYS.indexOf(preferred);
	const rank = (field: number): number => (field === first ? -1 : field);
	pairs.sort((a, b) => b.score - a.score || rank(a.field) - rank(b.field) || a.column - b.column);
	const mapping = emptyMapping();
	const usedColumns = new Set<number>();
	for (const { column, field } of pairs) {
		const key = FIELD_KEYS[field];
		if (key === undefined || mapping[key] !== null || usedColumns.has(column)) continue;
		mapping[key] = column;
		usedColumns.add(column);
	}
	return mapping;
}

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
	const used = new Set<number>();
	const names = headers.map(fingerprintName);
	for (const key of FIELD_KEYS) {
		const index = saved[key];
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

/**
 * Every shared sample file through the whole pure pipeline: read (sniff + decode + PapaParse) →
 * auto-map → validate → in-file duplicates → decide against an empty database. The counts must be
 * the ones in expected.json; for messy.csv every row's outcome too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanHeaderNames, DEFAULT_MAX_FILE_BYTES, sniffFile } from './file-sniff';
import { defaultImportSettings, type ImportSettings } from './import-settings';
import { InFileDuplicates } from './in-file-duplicates';
import { autoMap, isMappingUsable, type Mapping } from './mapping';
import type { CardIdType, DateFormat, IsoDate, SessionId } from './model';
import { decideRow } from './overlap';
import { generatedUserId, validateRow, type RowError } from './validate-row';

const DIR = join(process.cwd(), 'tests/fixtures/public');

interface Expected {
	settings: {
		delimiter?: string;
		dateFormat?: DateFormat;
		encoding?: string;
		cardIdType?: 'Decimal' | 'Hexadecimal';
		headerRow?: number;
	};
	succeeded: number;
	failed: number;
	rows?: Record<string, string>;
	asDecimal?: { succeeded: number; failed: number };
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<
	string,
	Expected
>;

type Outcome = 'ok' | 'fail' | 'skipped';

interface Run {
	encoding: string;
	delimiter: string;
	headers: string[];
	mapping: Mapping;
	succeeded: number;
	failed: number;
	outcomes: Map<number, { outcome: Outcome; errors: RowError[] }>;
}

function importFile(file: string, overrides: Partial<ImportSettings> = {}): Run {
	const bytes = new Uint8Array(readFileSync(join(DIR, file)));
	const sniffed = sniffFile(bytes.subarray(0, 64 * 1024), bytes.length, DEFAULT_MAX_FILE_BYTES);
	if (!sniffed.ok) throw new Error(sniffed.errors[0]?.message);
	const facts = sniffed.value;
	const text = new TextDecoder(facts.encoding).decode(bytes.subarray(facts.bomLength));
	const records = Papa.parse<string[]>(text, {
		delimiter: facts.delimiter,
		skipEmptyLines: false
	}).data;

	const want = expected[file]?.settings ?? {};
	const settings: ImportSettings = {
		...defaultImportSettings('2026-01-01' as IsoDate),
		...(want.dateFormat ? { dateFormat: want.dateFormat } : {}),
		...(want.headerRow ? { headerRow: want.headerRow } : {}),
		...(want.cardIdType ? { cardIdType: want.cardIdType.toLowerCase() as CardIdType } : {}),
		...overrides
	};
	const headers = cleanHeaderNames(records[settings.headerRow - 1] ?? []);
	const mapping = autoMap(headers);
	const duplicates = new InFileDuplicates();
	const sessionId = 'fixture-session' as SessionId;
	const run: Run = {
		encoding: facts.encoding,
		delimiter: facts.delimiter,
		headers,
		mapping,
		succeeded: 0,
		failed: 0,
		outcomes: new Map()
	};
	records.slice(settings.headerRow).forEach((cells, i) => {
		// Row as a spreadsheet shows it: records before the data (header included) count.
		const row = settings.headerRow + i + 1;
		const record = (outcome: Outcome, errors: RowError[] = []) => {
			run.outcomes.set(row, { outcome, errors });
			if (outcome === 'ok') run.succeeded++;
			if (outcome === 'fail') run.failed++;
		};
		const verdict = validateRow(cells, mapping, settings);
		if (verdict.kind === 'empty') return record('skipped');
		if (verdict.kind === 'invalid') return record('fail', verdict.errors);
		const withId = {
			...verdict.row,
			userId: verdict.row.userId ?? generatedUserId(sessionId, row)
		};
		const repeats = duplicates.check(withId, row);
		if (repeats.length > 0) return record('fail', repeats);
		const decision = decideRow(
			withId,
			{},
			{ policy: settings.overwrite, now: 1, sessionId, maxCards: 8 }
		);
		return record(decision.outcome === 'failed' ? 'fail' : 'ok');
	});
	return run;
}

describe('shared fixtures', () => {
	const files = readdirSync(DIR).filter((f) => f.endsWith('.csv'));

	it('has an expectation for every sample file', () => {
		expect(files.sort()).toEqual(Object.keys(expected).sort());
	});

	for (const file of files) {
		it(`${file}: detection and counts as expected.json says`, () => {
			const want = expected[file]!;
			const run = importFile(file);
			expect(run.encoding).toBe(want.settings.encoding ?? 'utf-8');
			expect(run.delimiter).toBe(want.settings.delimiter ?? ',');
			expect(isMappingUsable(run.mapping)).toBe(true);
			expect({ succeeded: run.succeeded, failed: run.failed }).toEqual({
				succeeded: want.succeeded,
				failed: want.failed
			});
		});
	}

	it('messy.csv: each row has the outcome expected.json lists, for the listed reason', () => {
		const run = importFile('messy.csv');
		const rows = expected['messy.csv']!.rows!;
		for (const [row, description] of Object.entries(rows)) {
			const kind = description.split(':')[0];
			const got = run.outcomes.get(Number(row));
			expect(got?.outcome, `row ${row}: ${description}`).toBe(kind);
		}
		// The file ends with a line break: PapaParse reports one more, empty record, skipped.
		const last = Math.max(...Object.keys(rows).map(Number));
		const extra = [...run.outcomes].filter(([row]) => row > last);
		expect(extra.every(([, o]) => o.outcome === 'skipped')).toBe(true);
		const message = (row: number) =>
			run.outcomes
				.get(row)
				?.errors.map((e) => e.message)
				.join('; ');
		expect(message(3)).toBe('Email "bob@" is not a valid address');
		expect(message(4)).toMatch(/^Name is missing/);
		// A repeated User ID adds cards to its user; this row's other cells disagree with row 2.
		expect(message(5)).toBe(
			'Name "Duplicate Id" differs from row 2, which has the same User ID: leave it blank or write it as in row 2; Email "dup@example.org" differs from row 2, which has the same User ID: leave it blank or write it as in row 2'
		);
		expect(message(6)).toBe('User type "Contractor" is not Employee, Visitor or Member');
		expect(message(7)).toBe('Card end date "2026-05-01" is before Card start date "2026-06-01"');
		expect(message(8)).toBe('Card start date "2026-02-30" is not a real calendar date');
		expect(message(9)).toBe('Card ID "9000001" repeats row 2');
		expect(message(10)).toBe('Card ID "0" is zero — card numbers start at 1');
		expect(message(11)).toMatch(/^Card ID "18446744073709551616" is larger than 64 bits/);
		expect(message(12)).toMatch(/^Phone "12" has 2 digits/);
		expect(message(16)).toBe('Email "valid@example.org" repeats row 2');
		expect(message(17)).toMatch(/^User ID "bad id!" may only contain/);
		expect(message(19)).toBe(
			'Card ID "12AB" is not a decimal number — choose Hexadecimal if your cards are hex'
		);
	});

	it('hex-cards.csv read as Decimal: every row fails', () => {
		const run = importFile('hex-cards.csv', { cardIdType: 'decimal' });
		const want = expected['hex-cards.csv']!.asDecimal!;
		expect({ succeeded: run.succeeded, failed: run.failed }).toEqual({
			succeeded: want.succeeded,
			failed: want.failed
		});
	});

	it('auto-maps the European Excel export', () => {
		const { mapping, headers } = importFile('excel-semicolon-bom.csv');
		expect(headers[0]).toBe('Employee No');
		expect(mapping).toEqual({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			userType: null,
			department: 4,
			title: null,
			imageFile: null,
			cardId: 5,
			cardFormat: null,
			facilityCode: null,
			cardNumber: null,
			cardStart: 6,
			cardEnd: 7
		});
	});

	it('auto-maps the Korean export, decoded as EUC-KR (never UTF-8 with replacements)', () => {
		const { mapping, headers, encoding } = importFile('euc-kr.csv');
		expect(encoding).toBe('euc-kr');
		expect(headers).toEqual(['사용자 ID', '이름', '이메일', '전화번호', '부서', '카드 번호']);
		expect(mapping).toMatchObject({
			userId: 0,
			name: 1,
			email: 2,
			phone: 3,
			department: 4,
			cardId: 5,
			userType: null,
			title: null,
			cardStart: null,
			cardEnd: null
		});
	});

	it('auto-maps the header on row 3', () => {
		const { mapping } = importFile('header-row-3.csv');
		expect(mapping).toMatchObject({ userId: 0, name: 1, email: 2, cardId: 3 });
	});

	it('ranks EUC-KR first among the candidates of the Korean file', () => {
		const bytes = new Uint8Array(readFileSync(join(DIR, 'euc-kr.csv')));
		const facts = sniffFile(bytes, bytes.length, DEFAULT_MAX_FILE_BYTES);
		expect(facts.ok && facts.value.validUtf8).toBe(false);
		expect(facts.ok && facts.value.candidates[0]?.label).toBe('euc-kr');
		expect(facts.ok && facts.value.candidates[0]?.headerPreview).toBe(
			'사용자 ID,이름,이메일,전화번호,부서,카드 번호'
		);
	});
});

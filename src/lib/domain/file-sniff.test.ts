import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cleanHeaderNames,
	DEFAULT_MAX_FILE_BYTES,
	detectDelimiter,
	isWorkbookHead,
	sizeRefusal,
	sniffFile
} from './file-sniff';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
	);
const sniff = (head: Uint8Array, size = head.length, max = DEFAULT_MAX_FILE_BYTES) =>
	sniffFile(head, size, max);
const refusal = (r: ReturnType<typeof sniffFile>) => (r.ok ? null : r.errors[0]);
const latin1 = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe('sniffFile refusals', () => {
	it('refuses an empty file', () => {
		expect(refusal(sniff(new Uint8Array(0)))?.code).toBe('FILE_EMPTY');
	});
	it('refuses a file over the limit, naming both sizes', () => {
		const r = refusal(sniff(bytes('a,b\n'), 7.5 * 1024 * 1024));
		expect(r?.code).toBe('FILE_TOO_LARGE');
		expect(r?.message).toContain('7.5 MB');
		expect(r?.message).toContain('5 MB limit');
		expect(sniff(bytes('a,b\n'), 5 * 1024 * 1024).ok).toBe(true);
	});
	it('refuses an old .xls (or a workbook with a password) with the way out', () => {
		const r = refusal(sniff(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1])));
		expect(r?.code).toBe('FILE_IS_SPREADSHEET');
		expect(r?.message).toContain('save it as CSV UTF-8 in Excel');
		expect(r?.message).toContain('.xlsx');
	});
	it('tells a ZIP archive (an .xlsx) apart, to be read as a workbook', () => {
		expect(isWorkbookHead(bytes([0x50, 0x4b, 0x03, 0x04], 'xl/'))).toBe(true);
		expect(isWorkbookHead(bytes([0x50, 0x4b, 0x05, 0x06]))).toBe(true);
		expect(isWorkbookHead(bytes('User ID,Name\n'))).toBe(false);
	});
	it('applies the same size policy to a workbook', () => {
		const zip = bytes([0x50, 0x4b, 0x03, 0x04]);
		expect(sizeRefusal(zip, 6 * 1024 * 1024, DEFAULT_MAX_FILE_BYTES)?.code).toBe('FILE_TOO_LARGE');
		expect(sizeRefusal(zip, 4, DEFAULT_MAX_FILE_BYTES)).toBeNull();
	});
	it('refuses images, PDFs and binary data', () => {
		for (const [head, word] of [
			[bytes([0x89, 0x50, 0x4e, 0x47, 0x0d]), 'PNG'],
			[bytes([0xff, 0xd8, 0xff, 0xe0]), 'JPEG'],
			[bytes('GIF89a'), 'GIF'],
			[bytes('%PDF-1.7'), 'PDF'],
			[bytes('a,b', [0, 1, 2]), 'binary']
		] as const) {
			const r = refusal(sniff(head));
			expect(r?.code).toBe('FILE_NOT_TEXT');
			expect(r?.message).toContain(word);
		}
	});
});

describe('sniffFile encodings', () => {
	it('UTF-8 with BOM: BOM skipped', () => {
		const r = sniff(bytes([0xef, 0xbb, 0xbf], 'Name;Email\r\nAna;a@b.co\r\n'));
		expect(r.ok && r.value).toMatchObject({
			encoding: 'utf-8',
			bomLength: 3,
			validUtf8: true,
			delimiter: ';',
			sampleText: 'Name;Email\r\nAna;a@b.co\r\n',
			candidates: [{ label: 'utf-8', headerPreview: 'Name;Email' }]
		});
	});
	it('a head cut inside a multi-byte character is still UTF-8', () => {
		const full = bytes('Name,City\nAna,Zürich\n', 'Bo,Zürich\n');
		const cut = full.indexOf(0xc3, 20) + 1; // in the middle of the second ü
		const r = sniff(full.subarray(0, cut), full.length);
		expect(r.ok && r.value.validUtf8).toBe(true);
		expect(r.ok && r.value.sampleText).toBe('Name,City\nAna,Zürich\n');
		// …but a whole file that ends inside a character is not.
		expect(sniff(full.subarray(0, cut)).ok && sniff(full.subarray(0, cut))).toMatchObject({
			value: { validUtf8: false }
		});
	});
	it('UTF-16 LE and BE by BOM', () => {
		const text = 'Name,Email\r\nAna,a@b.co\r\n';
		const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
		const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
		expect(sniff(le).ok && sniff(le)).toMatchObject({
			value: { encoding: 'utf-16le', bomLength: 2, sampleText: text }
		});
		expect(sniff(be).ok && sniff(be)).toMatchObject({
			value: { encoding: 'utf-16be', bomLength: 2, sampleText: text }
		});
		// Without a BOM, the NUL pattern still gives it away instead of "binary".
		const bare = le.subarray(2);
		expect(sniff(bare).ok && sniff(bare)).toMatchObject({
			value: { encoding: 'utf-16le', bomLength: 0 }
		});
	});
	it('Latin-1 accents rank windows-1252 first, never decoded as UTF-8 silently', () => {
		const r = sniff(latin1('Name,Department\nViktor Müller,Sécurité\nChloé Dubois,Façade\n'));
		expect(r.ok && r.value.validUtf8).toBe(false);
		expect(r.ok && r.value.encoding).toBe('windows-1252');
		expect(r.ok && r.value.candidates[0]?.headerPreview).toBe('Name,Department');
		expect(r.ok && r.value.sampleText).toContain('Viktor Müller');
		expect(r.ok && r.value.candidates.map((c) => c.label)).toEqual(
			expect.arrayContaining(['windows-1252', 'euc-kr', 'shift_jis', 'gb18030'])
		);
	});
	it('Shift_JIS Japanese ranks shift_jis first', () => {
		const sjis = new Uint8Array([
			// 氏名,部署\n山田太郎,営業部\n (Shift_JIS)
			0x8e, 0x81, 0x96, 0xbc, 0x2c, 0x95, 0x94, 0x8f, 0x90, 0x0a, 0x8e, 0x52, 0x93, 0x63, 0x91,
			0xbe, 0x98, 0x59, 0x2c, 0x89, 0x63, 0x8b, 0xc6, 0x95, 0x94, 0x0a
		]);
		const r = sniff(sjis);
		expect(r.ok && r.value.encoding).toBe('shift_jis');
		expect(r.ok && r.value.candidates[0]?.headerPreview).toBe('氏名,部署');
	});
	it('never throws on arbitrary bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (head, extra) => {
				const r = sniffFile(
					head,
					head.length + (extra % 3 === 0 ? 0 : extra),
					DEFAULT_MAX_FILE_BYTES
				);
				if (r.ok) expect(r.value.candidates.length).toBeGreaterThan(0);
			})
		);
	});
});

describe('detectDelimiter', () => {
	it('finds each delimiter', () => {
		expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
		expect(detectDelimiter('a;b;c\r\n1;2;3\r\n')).toBe(';');
		expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
		expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
	});
	it('ignores delimiters inside quotes, even across lines', () => {
		expect(detectDelimiter('Name;Note\n"Kim, Ana";"a, b, c"\n"Lee, Bo";"x,\ny"\n')).toBe(';');
		expect(detectDelimiter('"a;b",c\n"d;e",f\n')).toBe(',');
	});
	it('prefers the delimiter that splits rows evenly over one that appears in names', () => {
		expect(detectDelimiter('Name;Dept;Phone\nMüller, Viktor;Sales;1\nKim, Ana;HR;2\n')).toBe(';');
		expect(detectDelimiter('ID;Price;Qty\n1;1,5;2\n2;2,5;3\n')).toBe(';');
	});
	it('handles a header-only file, a single column and Excel’s sep= line', () => {
		expect(detectDelimiter('User ID;Name;Email')).toBe(';');
		expect(detectDelimiter('Name\nAna\nBo\n')).toBe(',');
		expect(detectDelimiter('sep=|\nName,Email\nA,b\n')).toBe('|');
		expect(detectDelimiter('')).toBe(',');
	});
	it('reads title lines above the header without being fooled', () => {
		expect(
			detectDelimiter(
				'Site: Headquarters,,,\nExported 2026-11-01,,,\nID,Name,Email,Card\n1,A,a@b.co,5\n'
			)
		).toBe(',');
	});
	it('never throws on arbitrary text', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => void detectDelimiter(text)));
	});
});

describe('cleanHeaderNames', () => {
	it('trims, names blank columns, tells duplicates apart', () => {
		expect(cleanHeaderNames([' Name ', '', 'name', 'Email', 'Name', ' ', 'Name (2)'])).toEqual([
			'Name',
			'Column 2',
			'name (3)',
			'Email',
			'Name (4)',
			'Column 6',
			'Name (2)'
		]);
	});
	it('always gives distinct names', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('', 'A', 'a', 'A (2)', 'Column 2', ' A ')), (cells) => {
				const names = cleanHeaderNames(cells).map((n) => n.toLowerCase());
				expect(new Set(names).size).toBe(names.length);
			})
		);
	});
});

describe('sniffFile sep= line', () => {
	it('follows and reports Excel’s sep= hint', () => {
		const r = sniffFile(bytes('sep=;\r\nName;Email\r\nAna;a@b.co\r\n'), 33, DEFAULT_MAX_FILE_BYTES);
		expect(r.ok && r.value).toMatchObject({ delimiter: ';', hasSepLine: true });
		const plain = sniffFile(bytes('Name;Email\r\n'), 12, DEFAULT_MAX_FILE_BYTES);
		expect(plain.ok && plain.value.hasSepLine).toBe(false);
	});
});

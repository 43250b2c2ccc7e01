// Writes tests/fixtures/bad/: files real admins bring that must end in a clear message or in
// per-row failures, never in a crash. Run once after changing it: node scripts/make-bad-fixtures.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

const dir = 'tests/fixtures/bad';
mkdirSync(dir, { recursive: true });
const HEADER =
	'User ID,Name,Email,Phone,User type,Department,Title,Card ID,Card start date,Card end date';
const ok = (i, name = `Person ${i}`) => `${7000 + i},${name},p${7000 + i}@example.org,,,,,,,`;
const lines = (...rows) => rows.join('\n') + '\n';
const write = (name, content) => writeFileSync(`${dir}/${name}`, content);

write('empty.csv', '');
write('bom-only.csv', '\uFEFF');
write('header-only.csv', `${HEADER}\n`);
write('blank-lines-only.csv', '\n\n   \n\n');
write(
	'png-renamed.csv',
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
);
write('pdf-renamed.csv', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
write(
	'jpeg-renamed.csv',
	Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0])
);
write(
	'xlsx-renamed.csv',
	Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]),
		deflateRawSync(Buffer.from('<workbook/>'))
	])
);
write('xls-renamed.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
write(
	'nul-bytes.csv',
	Buffer.concat([
		Buffer.from(`${HEADER}\n${ok(1)}\n`),
		Buffer.from([0, 0, 0, 0]),
		Buffer.from(`${ok(2)}\n`)
	])
);
write('utf16le-no-bom.csv', Buffer.from(lines(HEADER, ok(1, 'Zoë Ünal'), ok(2)), 'utf16le'));
const be = Buffer.from(lines(HEADER, ok(1, 'Zoë Ünal'), ok(2)), 'utf16le').swap16();
write('utf16be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
write(
	'windows-1252.csv',
	Buffer.from(lines(HEADER, ok(1, 'Jos\u00e9 M\u00fcller'), ok(2, 'Ren\u00e9e')), 'latin1')
);
// UTF-8 at the top, a windows-1252 row past the part read to detect the encoding.
const filler = Array.from({ length: 2000 }, (_, i) => ok(i + 10)).join('\n');
write(
	'mixed-encodings.csv',
	Buffer.concat([
		Buffer.from(`${HEADER}\n${filler}\n`),
		Buffer.from(`${ok(1, 'Jos\u00e9')}\n`, 'latin1')
	])
);
write(
	'quote-unclosed-start.csv',
	lines(HEADER, `"7001,Open Quote,open@example.org,,,,,,,`, ok(2), ok(3))
);
write(
	'quote-unclosed-middle.csv',
	lines(HEADER, ok(1), `7002,"Middle, Open,mid@example.org,,,,,,,`, ok(3))
);
write('quote-unclosed-end.csv', lines(HEADER, ok(1), ok(2), `7003,Last,"last@example.org,,,,,,,`));
write(
	'quote-in-unquoted-cell.csv',
	lines(HEADER, ok(1), `7002,Say "Hi" Smith,hi@example.org,,,,,,,`)
);
write('mixed-line-endings.csv', `${HEADER}\r\n${ok(1)}\n${ok(2)}\r${ok(3)}\r\n${ok(4)}`);
write(
	'cell-3mb.csv',
	lines(HEADER, ok(1), `7002,Big Cell,big@example.org,,,${'x'.repeat(3 * 1024 * 1024)},,,,`, ok(3))
);
const wide = Array.from({ length: 5000 }, (_, i) => `Extra ${i + 1}`);
wide[0] = 'Name';
wide[1] = 'Email';
write(
	'columns-5000.csv',
	lines(
		wide.join(','),
		['Wide One', 'wide1@example.org', ...wide.slice(2).map(() => 'v')].join(','),
		['Wide Two', 'wide2@example.org'].join(',')
	)
);
write(
	'duplicate-blank-headers.csv',
	lines(
		'Name,Name,,Email,',
		'Ana Park,Second Name,blank,ana@example.org,',
		'Bo Lee,,,bo@example.org,'
	)
);
write(
	'ragged-rows.csv',
	lines(HEADER, ok(1), '7002,Short Row', `${ok(3)},extra,cells,here`, '7004')
);
write(
	'every-cell-quoted.csv',
	lines(
		HEADER.split(',')
			.map((h) => `"${h}"`)
			.join(','),
		`"7001","Quoted Ana","qa@example.org","","","","","","",""`
	)
);
write('trailing-delimiters.csv', lines(`${HEADER},,`, `${ok(1)},,`, `${ok(2)},,,,`));
write(
	'excel-sep-line.csv',
	lines(
		'sep=;',
		HEADER.replaceAll(',', ';'),
		'7001;Sep Ana;sep@example.org;;;;;;;',
		'7002;Sep Bo;sepbo@example.org;;;;;;;'
	)
);
write(
	'formula-cells.csv',
	lines(
		HEADER,
		`=7001,=SUM(A1:A3),=cmd|' /C calc'!A0,+1 555 000 7001,@Visitor,-Dept,+Title,,,`,
		`7002,@Handle Name,at@example.org,-5550007002,,=Dept(),,,,`
	)
);
write(
	'rtl-emoji-names.csv',
	lines(
		HEADER,
		`7001,مريم الحسن,maryam@example.org,,,,,,,`,
		`7002,דוד לוי,david@example.org,,,,,,,`,
		`7003,Zoë 😀 Smith 👩🏽‍💻,zoe@example.org,,,,,,,`
	)
);
write(
	'card-64bit-boundaries.csv',
	lines(
		HEADER,
		'7001,Max Card,max@example.org,,,,,18446744073709551615,,',
		'7002,Over Max,over@example.org,,,,,18446744073709551616,,',
		'7003,Above 2^53,big@example.org,,,,,9007199254740993,,',
		'7004,Card One,one@example.org,,,,,1,,',
		'7005,Card Zero,zero@example.org,,,,,0,,',
		'7006,Leading Zeros,lead@example.org,,,,,0000000042,,',
		'7007,Same As Above 2^53,same@example.org,,,,,09007199254740993,,'
	)
);
write(
	'dates-leap-and-bounds.csv',
	lines(
		HEADER,
		'7001,Leap Day,leap@example.org,,,,,8001,2024-02-29,2028-02-29',
		'7002,Not Leap,notleap@example.org,,,,,8002,2023-02-29,2024-01-01',
		'7003,Year End,yearend@example.org,,,,,8003,2026-12-31,2027-01-01',
		'7004,Month 13,month13@example.org,,,,,8004,2026-13-01,2027-01-01',
		'7005,Far Future,far@example.org,,,,,8005,0001-01-01,9999-12-31',
		'7006,Century Not Leap,century@example.org,,,,,8006,2100-02-29,2101-01-01',
		'7007,Date Time,datetime@example.org,,,,,8007,2026-03-01T08:00:00Z,2026-12-31T23:59:59+09:00'
	)
);
console.log(`written to ${dir}`);

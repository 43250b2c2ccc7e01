import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '$lib/domain/errors';
import { testDatabase } from '$lib/db/testing/test-db';
import { DEFAULTS, testEngine } from './testing/engine-harness';

const HEADER = ['User ID', 'Name', 'Email', 'Phone', 'User type', 'Card ID'];
const DELIMITERS = [',', ';', '\t', '|'] as const;
const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'windows-1252'] as const;
const WHATWG_LABEL: Record<(typeof ENCODINGS)[number], string> = {
	'utf-8': 'utf-8',
	'utf-8-bom': 'utf-8',
	'utf-16le-bom': 'utf-16le',
	'windows-1252': 'windows-1252'
};

/** Cells an admin's file might hold: plausible values, junk, quotes, delimiters, line breaks. */
const cell = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'Ana Park',
		'ana@example.org',
		'bob@',
		'+1 555 000 1234',
		'12',
		'visitor'
	),
	fc.constantFrom('0', '42', '18446744073709551616', '0x1F', '=SUM(A1)', '"quoted"', 'a,b;c|d\te'),
	fc.string({ maxLength: 12 }),
	fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/),
	fc.constantFrom('line\nbreak', 'cr\rcell', 'crlf\r\ncell')
);

const row = fc.array(cell, { minLength: 0, maxLength: 8 });

function quote(value: string, delimiter: string, always: boolean): string {
	const needs = always || /["\r\n]/.test(value) || value.includes(delimiter);
	return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

function encode(text: string, encoding: (typeof ENCODINGS)[number]): Uint8Array<ArrayBuffer> {
	switch (encoding) {
		case 'utf-8':
			return new TextEncoder().encode(text);
		case 'utf-8-bom':
			return new TextEncoder().encode(`\uFEFF${text}`);
		case 'utf-16le-bom': {
			const bytes = new Uint8Array(2 + text.length * 2);
			bytes.set([0xff, 0xfe]);
			for (let i = 0; i < text.length; i += 1) {
				const code = text.charCodeAt(i);
				bytes[2 + i * 2] = code & 0xff;
				bytes[3 + i * 2] = code >> 8;
			}
			return bytes;
		}
		case 'windows-1252':
			// Latin-1 only: characters outside it become '?', as a legacy export would do.
			return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)));
	}
}

const db = testDatabase();
afterAll(() => db.delete());

describe('the whole pipeline over generated files', () => {
	it('never throws and counts every data row exactly once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { minLength: 0, maxLength: 30 }),
				fc.constantFrom(...DELIMITERS),
				fc.constantFrom(...ENCODINGS),
				fc.boolean(),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.integer({ min: 1, max: 7 }),
				async (rows, delimiter, encoding, quoteAll, newline, rowsPerChunk) => {
					await Promise.all([db.users.clear(), db.cards.clear(), db.importSessions.clear()]);
					const lines = [HEADER, ...rows].map((cells) =>
						cells.map((value) => quote(value, delimiter, quoteAll)).join(delimiter)
					);
					const bytes = encode(lines.join(newline) + newline, encoding);
					const engine = testEngine(db, { rowsPerChunk });
					let id;
					try {
						id = (
							await engine.open(new File([bytes], 'fuzz.csv'), {
								maxBytes: 5 * 1024 * 1024,
								defaults: DEFAULTS
							})
						).session.id;
					} catch (thrown) {
						// A refusal must be one of ours, with a message: never a crash.
						expect(thrown).toBeInstanceOf(AppFailure);
						return;
					}
					// The admin confirms in Configure what the file really is (detection is a guess
					// that a file of one-cell rows can make ambiguous).
					// The header row too: a generated data row can look like column names.
					await engine.configure(id, {
						delimiter,
						encoding: WHATWG_LABEL[encoding],
						settings: { ...DEFAULTS, headerRow: 1 }
					});
					const session = await engine.start(id);
					if (session.status === 'interrupted') {
						expect(session.error?.code).not.toBe('UNEXPECTED');
						return;
					}
					expect(session.status).toBe('done');
					const { created, updated, kept, failed, skipped } = session.counters;
					// Each generated row is one record (cells with line breaks are quoted).
					expect(created + updated + kept + failed + skipped).toBe(rows.length);
					expect(await db.users.count()).toBe(created);
					await engine.complete(id);
				}
			),
			{ numRuns: 60 }
		);
	}, 60_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardNumber } from './model';
import { SearchIndexBuilder } from './search-index';
import { cardNumbersText, fold, matches, parseQuery, searchText, wordsOf } from './search-terms';

/** Whether `query` finds a record with this code, these fields and these cards. */
const finds = (
	query: string,
	fields: readonly (string | undefined)[],
	code = 'id-1',
	cards: readonly string[] = [],
	phone = ''
): boolean => {
	const parsed = parseQuery(query);
	if (!parsed) throw new Error(`"${query}" compiled to no query`);
	const text = searchText(code, fields);
	const numbers = cardNumbersText(cards as CardNumber[]);
	const found = matches(parsed, text, numbers, phone);
	// Every example holds for the index too.
	const index = new SearchIndexBuilder();
	index.add(text, numbers, phone);
	expect(index.build().search(parsed)).toEqual(Int32Array.from(found ? [0] : []));
	return found;
};

describe('fold', () => {
	it('lowers case and drops accents, whichever Unicode form the text is in', () => {
		expect(fold('Zoë')).toBe('zoe');
		expect(fold('Zoë'.normalize('NFD'))).toBe('zoe');
		expect(fold('ÅNGSTRÖM')).toBe('angstrom');
		expect(fold('Nguyễn')).toBe('nguyen');
		expect(fold('İstanbul')).toBe('istanbul');
	});

	it('leaves letters without a decomposition and other scripts as they are', () => {
		expect(fold('Øre Łódź ß')).toBe('øre łodz ß');
		expect(fold('李小龍')).toBe('李小龍');
	});

	it('folds a final sigma like any other, so a prefix folds like the whole word', () => {
		expect(fold('ΟΔΟΣ')).toBe('οδοσ');
		expect(fold('ΟΔΟΣΑ').startsWith(fold('ΟΔΟΣ'))).toBe(true);
	});
});

describe('wordsOf', () => {
	it("splits at spaces and at - _ . , ' ’ ( ) / @, runs of them counting once", () => {
		expect(wordsOf("Sean O'Brien")).toEqual(['sean', 'o', 'brien']);
		expect(wordsOf('Mary O’Neil')).toEqual(['mary', 'o', 'neil']);
		expect(wordsOf(' Ana  Park-Lee (R&D), a/b ')).toEqual(['ana', 'park', 'lee', 'r&d', 'a', 'b']);
		expect(wordsOf('ana.park_2@x.org')).toEqual(['ana', 'park', '2', 'x', 'org']);
		expect(wordsOf(' -- ')).toEqual([]);
	});
});

describe('searchText', () => {
	it('keeps the code whole, then each non-empty field, every one closed', () => {
		expect(searchText('E-200', ['Ana Park-Lee', undefined, '', ' - ', 'ana@x.org'])).toBe(
			'e-200\t\nana\npark\nlee\t\nana\nx\norg\t'
		);
		expect(searchText('U1', [])).toBe('u1\t');
	});
});

describe('cardNumbersText', () => {
	it('lists each number in decimal and in lower-case hex', () => {
		expect(cardNumbersText(['65296', '4660'] as CardNumber[])).toBe('#65296xff10#4660x1234');
		expect(cardNumbersText([])).toBe('');
	});
});

describe('parseQuery and matches', () => {
	it('compiles a query with no words to no query at all', () => {
		for (const query of ['', '  ', '\t', '-', " ' ", '() /']) {
			expect(parseQuery(query)).toBeNull();
		}
	});

	it('matches a term as the start of any word of a field, not the middle of one', () => {
		expect(finds('par', ['Ana Park'])).toBe(true);
		expect(finds('ark', ['Ana Park'])).toBe(false);
	});

	it('matches a term with breaks as consecutive words of one field, the last one begun', () => {
		const name = ["Sean O'Brien-Smith"];
		expect(finds("o'brien", name)).toBe(true);
		expect(finds("o'b", name)).toBe(true);
		expect(finds('brien-smith', name)).toBe(true);
		expect(finds("sean-o'brien-sm", name)).toBe(true);
		expect(finds("o'smith", name)).toBe(false); // not consecutive
		expect(finds("brien-o'", name)).toBe(false); // not in order
		expect(finds("o'bri-smith", name)).toBe(false); // a word before the last is cut short
	});

	it('treats every break alike, in the query and in the stored text', () => {
		expect(finds("o'brien", ['Sean O’Brien'])).toBe(true);
		expect(finds('o.brien', ["Sean O'Brien"])).toBe(true);
		expect(finds('park_lee', ['Ana Park-Lee'])).toBe(true);
		expect(finds('park-lee', ['Ana Park Lee'])).toBe(true);
	});

	it('never runs a term from one field into the next', () => {
		const fields = ['Ana Park', 'lee@x.org'];
		expect(finds('park-lee', fields)).toBe(false);
		expect(finds('park lee', fields)).toBe(true); // two terms, each in its own field
	});

	it('ignores breaks before a term, and takes a break after it to mean the word is complete', () => {
		expect(finds('@x.org', ['ana@x.org'])).toBe(true);
		expect(finds('(r&d)', ['Research (R&D)'])).toBe(true);
		expect(finds('jr.', ['Martin King Jr.'])).toBe(true); // complete at the end of the field
		expect(finds('king-', ['Martin King Jr.'])).toBe(true); // complete, another word follows
		expect(finds('kin-', ['Martin King Jr.'])).toBe(false);
		expect(finds("o'", ["Sean O'Brien"])).toBe(true);
		expect(finds('e-', ['bo@other.example'])).toBe(false);
	});

	it('matches the code from its start as written, with its breaks, in any case', () => {
		expect(finds('e-2', [], 'E-200')).toBe(true);
		expect(finds('E-200', [], 'E-200')).toBe(true);
		expect(finds('e-', [], 'E-200')).toBe(true);
		expect(finds('200', [], 'E-200')).toBe(false);
		expect(finds('e_2', [], 'E-200')).toBe(false);
		expect(finds('000123', [], '000123')).toBe(true); // a code keeps its leading zeros
	});

	it('ignores case, accents and the Unicode form of the query and of the text', () => {
		for (const stored of ['Zoë Ång', 'Zoë Ång'.normalize('NFD')]) {
			for (const query of ['zoe', 'ZOË', 'zoë'.normalize('NFD'), 'zoë'.normalize('NFC'), 'ang']) {
				expect(finds(query, [stored]), `${query} in ${stored}`).toBe(true);
			}
		}
	});

	it('matches a decimal card number from its start, with or without leading zeros', () => {
		const cards = ['9000014'];
		expect(finds('9000', [], 'id', cards)).toBe(true);
		expect(finds('0009000014', [], 'id', cards)).toBe(true);
		expect(finds('00090', [], 'id', cards)).toBe(true);
		expect(finds('0', [], 'id', cards)).toBe(false);
		expect(finds('000', [], 'id', cards)).toBe(false);
		expect(finds('90000140', [], 'id', cards)).toBe(false);
	});

	it('matches a decimal term with its zeros against the fields, where zeros count', () => {
		expect(finds('0770', ['07700900123'])).toBe(true);
		expect(finds('770', ['07700900123'])).toBe(false);
		// The zeros dropped for card numbers do not make other fields match.
		expect(finds('0012', ['Ana 12'])).toBe(false);
	});

	it('matches a hex card number from its start, for terms written like hex', () => {
		const cards = ['65296']; // 0xFF10
		expect(finds('0xff1', [], 'id', cards)).toBe(true);
		expect(finds('0x00FF10', [], 'id', cards)).toBe(true);
		expect(finds('ff10', [], 'id', cards)).toBe(true);
		expect(finds('ff', [], 'id', cards)).toBe(false); // letters alone are a word
		expect(finds('0x', [], 'id', cards)).toBe(false);
		expect(finds('65', [], 'id', cards)).toBe(true); // decimal start
		expect(finds('f10', [], 'id', cards)).toBe(false); // neither start
	});

	it('matches a phone-shaped query by any run of the phone digits, however written', () => {
		const byPhone = (query: string): boolean => finds(query, ['Ana'], 'id-1', [], '442079460004');
		expect(byPhone('+44 20 7946 0004')).toBe(true);
		expect(byPhone('7946 0004')).toBe(true);
		expect(byPhone('79460004')).toBe(true);
		expect(byPhone('(020) 7946-0004')).toBe(false); // the 0 of the area code is not stored
		expect(byPhone('(20) 7946-0004')).toBe(true);
		expect(byPhone('946')).toBe(true);
		expect(byPhone('7946 0005')).toBe(false);
		expect(byPhone('+44')).toBe(false); // too few digits to mean a phone
		expect(byPhone('04')).toBe(false);
		// Only the phone's digits: digits in another field are words, found from their start.
		expect(finds('1234', ['Room 91234'])).toBe(false);
		expect(finds('9123', ['Room 91234'])).toBe(true);
	});

	it('finds the phone digits as a word too, from their start, beside other terms', () => {
		const fields = ['Ana', '821012345678'];
		expect(finds('8210', fields)).toBe(true);
		expect(finds('ana 8210', fields)).toBe(true);
		expect(finds('ana 1012', fields)).toBe(false);
	});

	it('needs every term to match, each anywhere', () => {
		const fields = ["Sean O'Brien", 'sean@x.org'];
		expect(finds("x.org o'brien", fields)).toBe(true);
		expect(finds("o'brien y.org", fields)).toBe(false);
	});
});

describe('parseQuery and matches, for any name', () => {
	const word = fc
		.array(
			fc.constantFrom('a', 'B', 'é', 'e\u0301', 'Ö', 'ß', 'Σ', 'ς', '李', '한', 'İ', 'ø', '7', '#'),
			{ minLength: 1, maxLength: 5 }
		)
		.map((chars) => chars.join(''));
	const gap = fc.constantFrom(' ', '-', "'", '’', '.', '@', ' - ', '(', ') ', '/', ', ', '_');
	const name = fc.tuple(fc.array(fc.tuple(gap, word), { minLength: 1, maxLength: 5 }), gap);

	it('finds the name by any text typed as stored from the start of one of its words', () => {
		fc.assert(
			fc.property(name, fc.nat(), fc.nat(), fc.boolean(), ([pieces, end], at, cut, nfd) => {
				let text = '';
				const starts: number[] = [];
				for (const [before, w] of pieces) {
					text += before;
					starts.push(text.length);
					text += w;
				}
				text += end;
				const start = starts[at % starts.length] ?? 0;
				const typed = text.slice(start, start + 1 + (cut % (text.length - start)));
				const query = typed.normalize(nfd ? 'NFD' : 'NFC');
				expect(finds(query, [text]), `${JSON.stringify(query)} in ${JSON.stringify(text)}`).toBe(
					true
				);
			})
		);
	});

	it('finds one word exactly when it starts a word of the name or the code', () => {
		fc.assert(
			fc.property(name, word, ([pieces], query) => {
				const text = pieces.map(([before, w]) => before + w).join('');
				const term = fold(query);
				const expected = wordsOf(text).some((w) => w.startsWith(term)) || 'id-1'.startsWith(term);
				expect(finds(query, [text])).toBe(expected);
			})
		);
	});
});

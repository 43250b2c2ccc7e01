import { describe, expect, it, vi } from 'vitest';
import type { Card, CardNumber, CardStatus, IsoDate, User, UserId } from '$lib/domain/model';
import { readWiegandCells } from '$lib/domain/card-cells';
import { showCardNumber } from '$lib/domain/card-number';
import { parseQuery } from '$lib/domain/search-terms';
import {
	cardList,
	filterCards,
	filterUsers,
	sortByName,
	userList,
	type CardRow,
	type SearchableList,
	type UserRow
} from './directory-search';

// Plain records rather than the db test helpers: this module is pure and should not load Dexie.
const user = (id: string, name: string, patch: Partial<User> = {}): User => ({
	id: id as UserId,
	name,
	userType: 'Employee',
	createdAt: 1,
	updatedAt: 1,
	...patch
});

const card = (number: string, userId: string, status: CardStatus = 'registered'): Card => ({
	number: number as CardNumber,
	userId: userId as UserId,
	status,
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate,
	createdAt: 1,
	updatedAt: 1
});

/** The same people as the Users browser test, plus names that exercise word breaks and scripts. */
const USERS: User[] = [
	user('E-200', 'Ana Maria Park', {
		email: 'amp@corp.example',
		phone: '+82 10-1234-5678',
		phoneDigits: '821012345678',
		department: 'Research',
		title: 'Lab Manager',
		hasImage: true,
		updatedAt: 9
	}),
	user('V-300', 'Bo Lee', { userType: 'Visitor', email: 'bo@other.example' }),
	user('M-400', 'Chris Parkinson', { userType: 'Member' }),
	user('E-500', 'Zoë Ångström'),
	user('E-600', '李小龍'),
	user('E-700', 'Jean-Luc Picard-Smith')
];
const CARDS: Card[] = [
	card('3000000001', 'V-300', 'issued'),
	card('65296', 'E-200'), // 0xFF10
	card('4660', 'E-200', 'revoked'), // 0x1234
	card('18446744073709551615', 'M-400') // 0xFFFFFFFFFFFFFFFF
];
const LIST = userList(USERS, CARDS);
const ROWS = LIST.rows;

/** The IDs of the users a query finds, in row order. */
const usersFound = (query: string, list: SearchableList<UserRow> = LIST): string[] => {
	if (!parseQuery(query)) throw new Error(`"${query}" compiled to no matcher`);
	return filterUsers(list, null, query, 'all', 'id').map((row) => row.id);
};

/** The numbers of the cards a query finds, in row order. */
const cardsFound = (query: string, list: SearchableList<CardRow>): string[] => {
	return parseQuery(query) ? filterCards(list, query, 'all').map((row) => row.number) : [];
};

describe('userList', () => {
	it('shows each stored field, with absent optional fields as blanks', () => {
		const [ana, bo] = ROWS;
		expect(ana).toMatchObject({
			id: 'E-200',
			name: 'Ana Maria Park',
			email: 'amp@corp.example',
			phone: '+82 10-1234-5678',
			userType: 'Employee',
			department: 'Research',
			hasImage: true,
			updatedAt: 9,
			cardCount: 2
		});
		expect(bo).toMatchObject({
			id: 'V-300',
			phone: '',
			department: '',
			userType: 'Visitor',
			hasImage: false,
			cardCount: 1
		});
	});

	it('counts only the cards each user holds, and ignores cards of users not listed', () => {
		const { rows } = userList(
			[user('A', 'Ana'), user('B', 'Bo')],
			[card('1', 'A'), card('2', 'A'), card('3', 'Z')]
		);
		expect(rows.map((r) => [r.id, r.cardCount])).toEqual([
			['A', 2],
			['B', 0]
		]);
	});

	it('searches the same whether indexed at once or when first searched', () => {
		const later = userList(USERS, CARDS, false);
		const built = vi.spyOn(later, 'index', 'get');
		expect(filterUsers(later, null, ' ', 'Member', 'id').map((r) => r.id)).toEqual(['M-400']);
		expect(built).not.toHaveBeenCalled();
		for (const query of ['park', 'e-', '652', 'ff10', '+82 10-1234']) {
			expect(usersFound(query, later), query).toEqual(usersFound(query));
		}
		expect(later.index.prepared(0)).toEqual(LIST.index.prepared(0));
		const cards = cardList(CARDS, USERS, false);
		expect(cardsFound('ana', cards)).toEqual(['4660', '65296']);
	});

	it('keeps the users in the order given', () => {
		expect(ROWS.map((r) => r.id)).toEqual(USERS.map((u) => u.id));
	});

	it('prepares the ID, the name, email, phone digits, department and title, the cards and the phone', () => {
		expect(LIST.index.prepared(0)).toEqual({
			text: 'e-200\t\nana\nmaria\npark\t\namp\ncorp\nexample\t\n821012345678\t\nresearch\t\nlab\nmanager\t',
			cards: '#65296xff10#4660x1234',
			phone: '821012345678'
		});
		expect(LIST.index.prepared(3)).toEqual({
			text: 'e-500\t\nzoe\nangstrom\t',
			cards: '',
			phone: ''
		});
	});
});

describe('cardList', () => {
	it('names the holder of each card, or leaves it blank when the user is unknown', () => {
		const list = cardList([card('77', 'V-300', 'issued'), card('78', 'GONE')], USERS);
		expect(list.rows).toEqual([
			{
				number: '77',
				userId: 'V-300',
				holder: 'Bo Lee',
				status: 'issued',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			},
			expect.objectContaining({ number: '78', holder: '' })
		]);
		expect(list.index.prepared(0)).toEqual({
			text: 'v-300\t\nbo\nlee\t',
			cards: '#77x4d',
			phone: ''
		});
		expect(list.index.prepared(1)).toEqual({ text: 'gone\t', cards: '#78x4e', phone: '' });
	});

	it('lists the cards by number, by value not as text, whatever order they came in', () => {
		const numbers = ['1087538182', '111052764', '1113963313', '9', '18446744073709551615', '10'];
		const list = cardList(
			numbers.map((n) => card(n, 'V-300')),
			USERS
		);
		expect(list.rows.map((row) => row.number)).toEqual([
			'9',
			'10',
			'111052764',
			'1087538182',
			'1113963313',
			'18446744073709551615'
		]);
		// Found cards keep that order.
		expect(cardsFound('1', list)).toEqual([
			'10',
			'111052764',
			'1087538182',
			'1113963313',
			'18446744073709551615'
		]);
	});

	it('is searchable by number in decimal or hex, by holder name and by holder ID', () => {
		const list = cardList(CARDS, USERS);
		const found = (query: string): string[] => cardsFound(query, list);
		expect(found('3000')).toEqual(['3000000001']);
		expect(found('0xb2d05e01')).toEqual(['3000000001']);
		expect(found('bo')).toEqual(['3000000001']);
		expect(found('ana')).toEqual(['4660', '65296']);
		expect(found('park')).toEqual(['4660', '65296', '18446744073709551615']);
		expect(found('m-4')).toEqual(['18446744073709551615']);
		expect(found('0xffffffff')).toEqual(['18446744073709551615']);
	});
});

describe('search', () => {
	it('compiles a blank or whitespace-only query to no filter at all', () => {
		for (const query of ['', '   ', '\t\n ']) {
			expect(parseQuery(query)).toBeNull();
			expect(filterUsers(LIST, null, query, 'all', 'id')).toBe(ROWS);
		}
	});

	it('matches the start of any word of the name, not the middle of one', () => {
		expect(usersFound('mar')).toEqual(['E-200']);
		expect(usersFound('park')).toEqual(['E-200', 'M-400']);
		expect(usersFound('aria')).toEqual([]);
		expect(usersFound('inson')).toEqual([]);
	});

	it('ignores case and the spaces around the query', () => {
		expect(usersFound('  PARK ')).toEqual(['E-200', 'M-400']);
		expect(usersFound('cHrIs')).toEqual(['M-400']);
	});

	it('needs every term to start some word, in any order', () => {
		expect(usersFound('ana park')).toEqual(['E-200']);
		expect(usersFound('park ana')).toEqual(['E-200']);
		expect(usersFound('ana   pa')).toEqual(['E-200']);
		expect(usersFound('ana lee')).toEqual([]);
	});

	it('matches the whole name typed from its start', () => {
		expect(usersFound('ana maria park')).toEqual(['E-200']);
		expect(usersFound('bo lee')).toEqual(['V-300']);
	});

	it('treats hyphens inside a name as word breaks', () => {
		expect(usersFound('luc')).toEqual(['E-700']);
		expect(usersFound('smith')).toEqual(['E-700']);
		expect(usersFound('jean luc')).toEqual(['E-700']);
	});

	it('finds names with accents and in other scripts, in any case', () => {
		expect(usersFound('zoë')).toEqual(['E-500']);
		expect(usersFound('ÅNGSTRÖM')).toEqual(['E-500']);
		expect(usersFound('李')).toEqual(['E-600']);
		expect(usersFound('李小')).toEqual(['E-600']);
	});

	it('matches the start of the User ID, but not its middle', () => {
		expect(usersFound('v-3')).toEqual(['V-300']);
		expect(usersFound('E-2')).toEqual(['E-200']);
		expect(usersFound('e-')).toEqual(['E-200', 'E-500', 'E-600', 'E-700']);
		expect(usersFound('200')).toEqual([]);
	});

	it('matches the whole email, its start, or the start of any of its parts, in any case', () => {
		expect(usersFound('BO@OTHER')).toEqual(['V-300']);
		expect(usersFound('bo@other.example')).toEqual(['V-300']);
		expect(usersFound('other')).toEqual(['V-300']);
		expect(usersFound('example')).toEqual(['E-200', 'V-300']);
		expect(usersFound('amp')).toEqual(['E-200']);
	});

	it('matches a phone written any way by any run of its digits', () => {
		expect(usersFound('+82 10-1234')).toEqual(['E-200']);
		expect(usersFound('(82) 10 12')).toEqual(['E-200']);
		expect(usersFound('821012345678')).toEqual(['E-200']);
		expect(usersFound('+82 10-1234-5678')).toEqual(['E-200']);
		// The local number, without the country code, as people remember it.
		expect(usersFound('10-1234')).toEqual(['E-200']);
		expect(usersFound('1234 5678')).toEqual(['E-200']);
		expect(usersFound('12345678')).toEqual(['E-200']);
		expect(usersFound('1234 5679')).toEqual([]);
	});

	it('matches the words of the department and of the title from their start', () => {
		expect(usersFound('research')).toEqual(['E-200']);
		expect(usersFound('rese')).toEqual(['E-200']);
		expect(usersFound('manager')).toEqual(['E-200']);
		expect(usersFound('lab man')).toEqual(['E-200']);
		expect(usersFound('search')).toEqual([]);
		expect(usersFound('ager')).toEqual([]);
	});

	it('does not match everyone by one or two phone digits', () => {
		expect(usersFound('+8')).toEqual([]);
		expect(usersFound('+82')).toEqual([]);
		expect(usersFound('+821')).toEqual(['E-200']);
	});

	it('matches card numbers by their decimal start', () => {
		expect(usersFound('3000000')).toEqual(['V-300']);
		expect(usersFound('652')).toEqual(['E-200']);
		expect(usersFound('18446744')).toEqual(['M-400']);
	});

	it('matches card numbers in hex, with 0x or with at least one digit, in any case', () => {
		expect(usersFound('0xB2D05E01')).toEqual(['V-300']);
		expect(usersFound('b2d05e')).toEqual(['V-300']);
		expect(usersFound('FF10')).toEqual(['E-200']);
		expect(usersFound('0x1234')).toEqual(['E-200']);
		expect(usersFound('0xffffffff')).toEqual(['M-400']);
	});

	it('skips leading zeros of a hex term, as stored numbers have none', () => {
		expect(usersFound('0x00ff10')).toEqual(['E-200']);
		expect(usersFound('000b2d')).toEqual(['V-300']);
	});

	it('reads a letters-only term as a word, not as hex, unless it starts with 0x', () => {
		// "ff" would otherwise match every card from 0xF… and swamp name searches.
		expect(usersFound('ff')).toEqual([]);
		expect(usersFound('0xff')).toEqual(['E-200', 'M-400']);
		expect(usersFound('bead')).toEqual([]);
	});

	it('lets each term match either way: a name word and a hex card together', () => {
		expect(usersFound('ana ff10')).toEqual(['E-200']);
		expect(usersFound('bo ff10')).toEqual([]);
	});

	it('matches nothing for 0x alone or a zero card', () => {
		expect(usersFound('0x')).toEqual([]);
		expect(usersFound('0x0')).toEqual([]);
	});
});

describe('search: text typed as it is stored', () => {
	const people = userList(
		[
			user('S-1', "Sean O'Brien"),
			user('S-2', 'Ana Park-Lee', { email: 'ana.park@x.org' }),
			user('S-3', 'Mary O’Neil'), // typographic apostrophe, as word processors write it
			user('S-4', 'Zoë Adams'.normalize('NFC')),
			user('S-5', 'Zoë Brandt'.normalize('NFD')), // as a file written on a Mac stores it
			user('S-6', 'Émile Zola')
		],
		[card('9000014', 'S-1')]
	);
	const found = (query: string): string[] => usersFound(query, people);

	it('finds a term with word breaks when its words start consecutive words of one field', () => {
		expect(found("O'Brien")).toEqual(['S-1']);
		expect(found("o'brien")).toEqual(['S-1']);
		expect(found("o'b")).toEqual(['S-1']);
		expect(found('park-lee')).toEqual(['S-2']);
		expect(found('Ana Park-L')).toEqual(['S-2']);
		expect(found('park@x.org')).toEqual(['S-2']);
		expect(found('x.org')).toEqual(['S-2']);
		expect(found('ana.park@x.org')).toEqual(['S-2']);
	});

	it('treats every word break alike, so an ASCII apostrophe finds a typographic one', () => {
		expect(found("o'neil")).toEqual(['S-3']);
		expect(found('o’brien')).toEqual(['S-1']);
		expect(found('park lee')).toEqual(['S-2']);
		expect(found('park_lee')).toEqual(['S-2']);
	});

	it('needs the words before the last one complete and in order, within one field', () => {
		expect(found("o'brie")).toEqual(['S-1']);
		expect(found("o'x")).toEqual([]);
		expect(found('lee-park')).toEqual([]);
		expect(found('pa-lee')).toEqual([]);
		// The name ends at "lee" and the email begins at "ana": no phrase across fields.
		expect(found('lee.ana')).toEqual([]);
	});

	it('finds a decimal card number typed with leading zeros', () => {
		expect(found('0009000014')).toEqual(['S-1']);
		expect(found('09000')).toEqual(['S-1']);
		const cards = cardList([card('9000014', 'S-1')], []);
		expect(cardsFound('0009000014', cards)).toEqual(['9000014']);
	});

	it('ignores accents and the Unicode form on both sides', () => {
		expect(found('zoe')).toEqual(['S-4', 'S-5']);
		expect(found('ZOE')).toEqual(['S-4', 'S-5']);
		expect(found('zoë'.normalize('NFC'))).toEqual(['S-4', 'S-5']);
		expect(found('zoë'.normalize('NFD'))).toEqual(['S-4', 'S-5']);
		expect(found('emile')).toEqual(['S-6']);
		expect(found('ÉMILE')).toEqual(['S-6']);
	});
});

describe('filterUsers', () => {
	const byName = sortByName(ROWS);

	it('returns the rows themselves when there is nothing to filter, sorted as asked', () => {
		expect(filterUsers(LIST, byName, '', 'all', 'id')).toBe(ROWS);
		expect(filterUsers(LIST, byName, '  ', 'all', 'name')).toBe(byName.rows);
	});

	it('returns the rows themselves when every row matches, sorted as asked', () => {
		const all = userList([user('2', 'Ana Park'), user('1', 'Ana')], []);
		const names = sortByName(all.rows);
		expect(filterUsers(all, names, 'ana', 'all', 'id')).toBe(all.rows);
		expect(filterUsers(all, names, 'ana', 'all', 'name')).toBe(names.rows);
		expect(filterUsers(all, names, 'ana', 'all', 'name').map((r) => r.id)).toEqual(['1', '2']);
		expect(filterUsers(all, names, 'ana', 'Visitor', 'name')).toEqual([]);
	});

	it('falls back to ID order when the name order is not computed yet', () => {
		expect(filterUsers(LIST, null, '', 'all', 'name')).toBe(ROWS);
	});

	it('keeps only the chosen User type', () => {
		expect(filterUsers(LIST, byName, '', 'Member', 'id').map((r) => r.id)).toEqual(['M-400']);
		const employees = filterUsers(LIST, byName, '', 'Employee', 'id');
		expect(employees.every((r) => r.userType === 'Employee')).toBe(true);
		expect(employees).toHaveLength(4);
	});

	it('applies the query and the type together', () => {
		expect(filterUsers(LIST, byName, 'park', 'Member', 'id').map((r) => r.id)).toEqual(['M-400']);
		expect(filterUsers(LIST, byName, 'park', 'Visitor', 'id')).toEqual([]);
	});

	it('lists matches in name order when sorting by name, and in ID order when sorting by ID', () => {
		const list = userList([user('1', 'Zed Park'), user('2', 'Al Park'), user('3', 'Bo')], []);
		const names = sortByName(list.rows);
		expect(filterUsers(list, names, 'park', 'all', 'name').map((r) => r.id)).toEqual(['2', '1']);
		expect(filterUsers(list, names, 'park', 'all', 'id').map((r) => r.id)).toEqual(['1', '2']);
	});

	it('never changes the rows it was given', () => {
		const copy = [...ROWS];
		filterUsers(LIST, byName, 'ana', 'Employee', 'name');
		expect(ROWS).toEqual(copy);
	});
});

describe('sortByName', () => {
	const { rows } = userList(
		[user('3', 'carl'), user('10', 'Ana'), user('2', 'ana'), user('1', 'Bo')],
		[]
	);

	it('orders by name ignoring case, then by User ID', () => {
		expect(sortByName(rows).rows.map((r) => [r.name, r.id])).toEqual([
			['Ana', '10'],
			['ana', '2'],
			['Bo', '1'],
			['carl', '3']
		]);
	});

	it('orders accented names with their base letters, not after Z', () => {
		const names = userList(
			[user('1', 'Zed'), user('2', 'Émile'), user('3', 'Eva'), user('4', 'émile'), user('5', 'Ed')],
			[]
		).rows;
		expect(sortByName(names).rows.map((r) => [r.name, r.id])).toEqual([
			['Ed', '5'],
			['Émile', '2'],
			['émile', '4'],
			['Eva', '3'],
			['Zed', '1']
		]);
	});

	it('orders numbers inside names by value', () => {
		const names = userList(
			[user('1', 'Ana 10'), user('2', 'Ana 9'), user('3', 'Ana 100')],
			[]
		).rows;
		expect(sortByName(names).rows.map((r) => r.name)).toEqual(['Ana 9', 'Ana 10', 'Ana 100']);
	});

	it('returns a new array and leaves the ID-ordered rows alone', () => {
		const before = rows.map((r) => r.id);
		const sorted = sortByName(rows);
		expect(sorted.rows).not.toBe(rows);
		expect(rows.map((r) => r.id)).toEqual(before);
	});

	it('gives the record number of each row in name order', () => {
		const sorted = sortByName(rows);
		expect(Array.from(sorted.records, (record) => rows[record])).toEqual(sorted.rows);
	});

	it('keeps an empty list empty', () => {
		expect(sortByName([])).toEqual({ rows: [], records: new Int32Array(0) });
	});
});

describe('filterCards', () => {
	const list = cardList(CARDS, USERS);

	it('returns the rows themselves when there is nothing to filter', () => {
		expect(filterCards(list, ' ', 'all')).toBe(list.rows);
	});

	it('returns the rows themselves when every row matches', () => {
		const held = cardList(CARDS.slice(1, 3), USERS); // both E-200's
		expect(filterCards(held, 'e-200', 'all')).toBe(held.rows);
		expect(filterCards(held, 'e-200', 'revoked').map((r) => r.number)).toEqual(['4660']);
	});

	it('keeps only cards in the chosen status', () => {
		expect(filterCards(list, '', 'issued').map((r) => r.number)).toEqual(['3000000001']);
		expect(filterCards(list, '', 'revoked').map((r) => r.number)).toEqual(['4660']);
	});

	it('applies the query and the status together', () => {
		expect(filterCards(list, 'ana', 'registered').map((r) => r.number)).toEqual(['65296']);
		expect(filterCards(list, 'ana', 'issued')).toEqual([]);
		expect(filterCards(list, 'ana', 'all').map((r) => r.number)).toEqual(['4660', '65296']);
	});
});

describe('a card entered in hex', () => {
	// 0xD23F0824, imported as hex: shown as entered, found by either form.
	const hex: Card = {
		...card('3527346212', 'E-200'),
		enteredAs: { type: 'hexadecimal', digits: 'D23F0824' }
	};
	const list = cardList([...CARDS, hex], USERS);

	it('keeps its form in the row the Cards list shows', () => {
		// The list is in number order, so the row is found by its number.
		expect(list.rows.find((row) => row.number === '3527346212')).toMatchObject({
			enteredAs: { type: 'hexadecimal', digits: 'D23F0824' }
		});
		expect(list.rows.find((row) => row.number !== '3527346212')).not.toHaveProperty('enteredAs');
	});

	it('is found by the form it was entered in and by its decimal value', () => {
		expect(cardsFound('D23F0824', list)).toEqual(['3527346212']);
		expect(cardsFound('d23f', list)).toEqual(['3527346212']);
		expect(cardsFound('0xD23F0824', list)).toEqual(['3527346212']);
		expect(cardsFound('3527346212', list)).toEqual(['3527346212']);
		expect(cardsFound('00D23F0824', list)).toEqual(['3527346212']);
	});
});

describe('Wiegand cards', () => {
	const wiegandCard = (
		format: 'h10301' | 'h10304',
		facilityCode: number,
		cardNumber: number,
		userId: string
	): Card => {
		const read = readWiegandCells(format, String(facilityCode), String(cardNumber));
		if (!read.ok || read.value === null) throw new Error('a valid Wiegand card');
		return { ...card(read.value.number, userId), wiegand: read.value.wiegand };
	};
	const cards = [
		...CARDS,
		wiegandCard('h10301', 17, 1037, 'E-500'),
		wiegandCard('h10304', 17, 1037, 'E-600'),
		wiegandCard('h10301', 18, 5, 'E-700')
	];
	const list = cardList(cards, USERS);
	const shown = (query: string) =>
		filterCards(list, query, 'all').map((row) => showCardNumber(row));

	it('are found by their parts, however the admin writes them', () => {
		for (const query of ['17/1037', '17:1037', 'FC 17 · 1037', 'fc 17 1037', '17 1037']) {
			expect(shown(query), query).toEqual(['FC 17 · 1037', 'FC 17 · 1037']);
		}
		expect(shown('FC 17')).toEqual(['FC 17 · 1037', 'FC 17 · 1037']);
		expect(shown('18/5')).toEqual(['FC 18 · 5']);
		expect(shown('17/1038')).toEqual([]);
	});

	it('come after the CSNs, by format, facility code and card number', () => {
		expect(list.rows.slice(-3).map((row) => [row.wiegand?.format, showCardNumber(row)])).toEqual([
			['h10301', 'FC 17 · 1037'],
			['h10301', 'FC 18 · 5'],
			['h10304', 'FC 17 · 1037']
		]);
	});

	it('are not found by their key as a number, and find their holder in the Users list', () => {
		const key = list.rows.at(-1)!.number;
		expect(cardsFound(key.slice(0, 6), list)).toEqual([]);
		expect(cardsFound('1000', list)).toEqual([]);
		expect(usersFound('17/1037', userList(USERS, cards))).toEqual(['E-500', 'E-600']);
	});
});

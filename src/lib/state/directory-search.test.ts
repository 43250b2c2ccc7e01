import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, CardStatus, IsoDate, User, UserId } from '$lib/domain/model';
import {
	cardRows,
	filterCards,
	filterUsers,
	matcher,
	showCard,
	sortByName,
	userRows,
	type CardRow,
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
const ROWS = userRows(USERS, CARDS);

/** The IDs of the users a query finds, in row order. */
const usersFound = (query: string, rows: readonly UserRow[] = ROWS): string[] => {
	const match = matcher(query);
	if (!match) throw new Error(`"${query}" compiled to no matcher`);
	return rows.filter(match).map((row) => row.id);
};

describe('userRows', () => {
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
		const rows = userRows(
			[user('A', 'Ana'), user('B', 'Bo')],
			[card('1', 'A'), card('2', 'A'), card('3', 'Z')]
		);
		expect(rows.map((r) => [r.id, r.cardCount])).toEqual([
			['A', 2],
			['B', 0]
		]);
	});

	it('keeps the users in the order given', () => {
		expect(ROWS.map((r) => r.id)).toEqual(USERS.map((u) => u.id));
	});

	it('prepares the ID, the name, email and phone digits, and the cards, each once', () => {
		expect(ROWS[0]?.search).toBe(
			'e-200\t\nana\nmaria\npark\t\namp\ncorp\nexample\t\n821012345678\t'
		);
		expect(ROWS[0]?.searchCards).toBe('#65296xff10#4660x1234');
		expect(ROWS[3]?.search).toBe('e-500\t\nzoe\nangstrom\t');
		expect(ROWS[3]?.searchCards).toBe('');
	});
});

describe('cardRows', () => {
	it('names the holder of each card, or leaves it blank when the user is unknown', () => {
		const rows = cardRows([card('77', 'V-300', 'issued'), card('78', 'GONE')], USERS);
		expect(rows).toEqual([
			{
				number: '77',
				userId: 'V-300',
				holder: 'Bo Lee',
				status: 'issued',
				validFrom: '2026-01-01',
				validTo: '2026-12-31',
				search: 'v-300\t\nbo\nlee\t',
				searchCards: '#77x4d'
			},
			expect.objectContaining({ number: '78', holder: '', search: 'gone\t', searchCards: '#78x4e' })
		]);
	});

	it('is searchable by number in decimal or hex, by holder name and by holder ID', () => {
		const rows = cardRows(CARDS, USERS);
		const found = (query: string): string[] => {
			const match = matcher(query);
			return match ? rows.filter(match).map((r) => r.number) : [];
		};
		expect(found('3000')).toEqual(['3000000001']);
		expect(found('0xb2d05e01')).toEqual(['3000000001']);
		expect(found('bo')).toEqual(['3000000001']);
		expect(found('ana')).toEqual(['65296', '4660']);
		expect(found('park')).toEqual(['65296', '4660', '18446744073709551615']);
		expect(found('m-4')).toEqual(['18446744073709551615']);
		expect(found('0xffffffff')).toEqual(['18446744073709551615']);
	});
});

describe('matcher', () => {
	it('compiles a blank or whitespace-only query to no filter at all', () => {
		for (const query of ['', '   ', '\t\n ']) expect(matcher(query)).toBeNull();
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

	it('matches a phone written any way by its digits, from the first digit', () => {
		expect(usersFound('+82 10-1234')).toEqual(['E-200']);
		expect(usersFound('(82) 10 12')).toEqual(['E-200']);
		expect(usersFound('821012345678')).toEqual(['E-200']);
		expect(usersFound('+82 10-1234-5678')).toEqual(['E-200']);
		// The local number without the country code is not the start of the stored digits.
		expect(usersFound('10-1234')).toEqual([]);
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

describe('matcher: text typed as it is stored', () => {
	const people = userRows(
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
		const cardsFound = (query: string): string[] => {
			const match = matcher(query);
			return match
				? cardRows([card('9000014', 'S-1')], [])
						.filter(match)
						.map((r) => r.number)
				: [];
		};
		expect(cardsFound('0009000014')).toEqual(['9000014']);
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
		expect(filterUsers(ROWS, byName, '', 'all', 'id')).toBe(ROWS);
		expect(filterUsers(ROWS, byName, '  ', 'all', 'name')).toBe(byName);
	});

	it('falls back to ID order when the name order is not computed yet', () => {
		expect(filterUsers(ROWS, null, '', 'all', 'name')).toBe(ROWS);
	});

	it('keeps only the chosen User type', () => {
		expect(filterUsers(ROWS, byName, '', 'Member', 'id').map((r) => r.id)).toEqual(['M-400']);
		const employees = filterUsers(ROWS, byName, '', 'Employee', 'id');
		expect(employees.every((r) => r.userType === 'Employee')).toBe(true);
		expect(employees).toHaveLength(4);
	});

	it('applies the query and the type together', () => {
		expect(filterUsers(ROWS, byName, 'park', 'Member', 'id').map((r) => r.id)).toEqual(['M-400']);
		expect(filterUsers(ROWS, byName, 'park', 'Visitor', 'id')).toEqual([]);
	});

	it('lists matches in name order when sorting by name, and in ID order when sorting by ID', () => {
		const rows = userRows([user('1', 'Zed Park'), user('2', 'Al Park'), user('3', 'Bo')], []);
		const names = sortByName(rows);
		expect(filterUsers(rows, names, 'park', 'all', 'name').map((r) => r.id)).toEqual(['2', '1']);
		expect(filterUsers(rows, names, 'park', 'all', 'id').map((r) => r.id)).toEqual(['1', '2']);
	});

	it('never changes the rows it was given', () => {
		const copy = [...ROWS];
		filterUsers(ROWS, byName, 'ana', 'Employee', 'name');
		expect(ROWS).toEqual(copy);
	});
});

describe('sortByName', () => {
	const rows = userRows(
		[user('3', 'carl'), user('10', 'Ana'), user('2', 'ana'), user('1', 'Bo')],
		[]
	);

	it('orders by name ignoring case, then by User ID', () => {
		expect(sortByName(rows).map((r) => [r.name, r.id])).toEqual([
			['Ana', '10'],
			['ana', '2'],
			['Bo', '1'],
			['carl', '3']
		]);
	});

	it('orders accented names with their base letters, not after Z', () => {
		const names = userRows(
			[user('1', 'Zed'), user('2', 'Émile'), user('3', 'Eva'), user('4', 'émile'), user('5', 'Ed')],
			[]
		);
		expect(sortByName(names).map((r) => [r.name, r.id])).toEqual([
			['Ed', '5'],
			['Émile', '2'],
			['émile', '4'],
			['Eva', '3'],
			['Zed', '1']
		]);
	});

	it('orders numbers inside names by value', () => {
		const names = userRows([user('1', 'Ana 10'), user('2', 'Ana 9'), user('3', 'Ana 100')], []);
		expect(sortByName(names).map((r) => r.name)).toEqual(['Ana 9', 'Ana 10', 'Ana 100']);
	});

	it('returns a new array and leaves the ID-ordered rows alone', () => {
		const before = rows.map((r) => r.id);
		const sorted = sortByName(rows);
		expect(sorted).not.toBe(rows);
		expect(rows.map((r) => r.id)).toEqual(before);
	});

	it('keeps an empty list empty', () => {
		expect(sortByName([])).toEqual([]);
	});
});

describe('filterCards', () => {
	const rows: CardRow[] = cardRows(CARDS, USERS);

	it('returns the rows themselves when there is nothing to filter', () => {
		expect(filterCards(rows, ' ', 'all')).toBe(rows);
	});

	it('keeps only cards in the chosen status', () => {
		expect(filterCards(rows, '', 'issued').map((r) => r.number)).toEqual(['3000000001']);
		expect(filterCards(rows, '', 'revoked').map((r) => r.number)).toEqual(['4660']);
	});

	it('applies the query and the status together', () => {
		expect(filterCards(rows, 'ana', 'registered').map((r) => r.number)).toEqual(['65296']);
		expect(filterCards(rows, 'ana', 'issued')).toEqual([]);
		expect(filterCards(rows, 'ana', 'all').map((r) => r.number)).toEqual(['65296', '4660']);
	});
});

describe('showCard', () => {
	it('shows the canonical number as it is in Decimal and in upper-case hex without 0x', () => {
		const n = '65296' as CardNumber;
		expect(showCard(n, 'decimal')).toBe('65296');
		expect(showCard(n, 'hexadecimal')).toBe('FF10');
		expect(showCard('18446744073709551615' as CardNumber, 'hexadecimal')).toBe('FFFFFFFFFFFFFFFF');
	});
});

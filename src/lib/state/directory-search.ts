/**
 * The rows the Users and Cards lists show and search, built once per data load (pure, no runes).
 * What a query matches is decided in `$lib/domain/search-terms`; each row carries the text it
 * prepared, so a keystroke at 100 000 users costs a few milliseconds.
 */
import { formatCardNumber } from '$lib/domain/card-number';
import { cardNumbersText, compileQuery, searchText } from '$lib/domain/search-terms';
import type {
	Card,
	CardIdType,
	CardNumber,
	CardStatus,
	IsoDate,
	User,
	UserId,
	UserType
} from '$lib/domain/model';

/** What the Users list shows and searches for one user. */
export interface UserRow {
	id: UserId;
	name: string;
	email: string;
	phone: string;
	userType: UserType;
	department: string;
	hasImage: boolean;
	/** The user's updatedAt: changes when the image does. */
	updatedAt: number;
	cardCount: number;
	/** The User ID, then the words of the name, the email and the phone digits (`searchText`). */
	search: string;
	/** The user's card numbers (`cardNumbersText`). */
	searchCards: string;
}

/** What the Cards list shows and searches for one card. */
export interface CardRow {
	number: CardNumber;
	userId: UserId;
	holder: string;
	status: CardStatus;
	validFrom: IsoDate;
	validTo: IsoDate;
	/** The holder's User ID, then the words of the holder's name (`searchText`). */
	search: string;
	/** The card's own number (`cardNumbersText`). */
	searchCards: string;
}

export function userRows(users: readonly User[], cards: readonly Card[]): UserRow[] {
	const cardsOf = new Map<string, CardNumber[]>();
	for (const card of cards) {
		const list = cardsOf.get(card.userId);
		if (list) list.push(card.number);
		else cardsOf.set(card.userId, [card.number]);
	}
	return users.map((user) => {
		const numbers = cardsOf.get(user.id) ?? [];
		return {
			id: user.id,
			name: user.name,
			email: user.email ?? '',
			phone: user.phone ?? '',
			userType: user.userType,
			department: user.department ?? '',
			hasImage: user.hasImage === true,
			updatedAt: user.updatedAt,
			cardCount: numbers.length,
			search: searchText(user.id, [user.name, user.email, user.phoneDigits]),
			searchCards: cardNumbersText(numbers)
		};
	});
}

export function cardRows(cards: readonly Card[], users: readonly User[]): CardRow[] {
	const names = new Map<UserId, string>();
	for (const user of users) names.set(user.id, user.name);
	return cards.map((card) => {
		const holder = names.get(card.userId) ?? '';
		return {
			number: card.number,
			userId: card.userId,
			holder,
			status: card.status,
			validFrom: card.validFrom,
			validTo: card.validTo,
			search: searchText(card.userId, [holder]),
			searchCards: cardNumbersText([card.number])
		};
	});
}

interface Searchable {
	search: string;
	searchCards: string;
}

/** The query compiled for rows (see `compileQuery`); `null` when it has no terms. */
export function matcher(query: string): ((row: Searchable) => boolean) | null {
	const match = compileQuery(query);
	return match && ((row) => match(row.search, row.searchCards));
}

export type UserSort = 'name' | 'id';

/** Rows of `rows` (in ID order) matching the query and type, sorted as asked. */
export function filterUsers(
	rows: readonly UserRow[],
	byName: readonly UserRow[] | null,
	query: string,
	type: UserType | 'all',
	sort: UserSort
): UserRow[] {
	const source = sort === 'name' && byName ? byName : rows;
	const match = matcher(query);
	if (!match && type === 'all') return source as UserRow[];
	return source.filter(
		(row) => (type === 'all' || row.userType === type) && (!match || match(row))
	);
}

/**
 * One collator for every comparison (creating one costs far more than comparing): the admin's
 * locale, accents and case ignored as in search, and numbers in names compared by value.
 */
const NAME_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The rows sorted by name, then by User ID (the ID order), computed once per data load. */
export function sortByName(rows: readonly UserRow[]): UserRow[] {
	return [...rows].sort(
		(a, b) => NAME_ORDER.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

export function filterCards(
	rows: readonly CardRow[],
	query: string,
	status: CardStatus | 'all'
): CardRow[] {
	const match = matcher(query);
	if (!match && status === 'all') return rows as CardRow[];
	return rows.filter(
		(row) => (status === 'all' || row.status === status) && (!match || match(row))
	);
}

/** The card number as the admin chose to see it. */
export const showCard = (n: CardNumber, type: CardIdType): string => formatCardNumber(n, type);

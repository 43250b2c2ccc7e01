/**
 * The rows the Users and Cards lists show, and the index that searches them, built once per data
 * load (pure, no runes). What a query matches is decided in `$lib/domain/search-terms`; the
 * index finds those rows at a million users in milliseconds.
 */
import { inCardNumberOrder } from '$lib/domain/card-order';
import { cardNumbersText, parseQuery, searchText } from '$lib/domain/search-terms';
import { SearchIndexBuilder, type SearchIndex } from '$lib/domain/search-index';
import { wiegandSearchWords } from '$lib/domain/wiegand';
import type {
	Card,
	CardForm,
	CardNumber,
	CardStatus,
	IsoDate,
	User,
	UserId,
	UserType,
	WiegandCredential
} from '$lib/domain/model';

/** What the Users list shows for one user. */
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
}

/** What the Cards list shows for one card. */
export interface CardRow {
	number: CardNumber;
	/** How the number was entered (shown with `showCardNumber`); absent for canonical decimal. */
	enteredAs?: CardForm;
	/** A Wiegand card's credential (shown by its parts); absent for a CSN. */
	wiegand?: WiegandCredential;
	userId: UserId;
	holder: string;
	status: CardStatus;
	validFrom: IsoDate;
	validTo: IsoDate;
}

/** A list's rows in stored order, and the index of their texts: record `r` is `rows[r]`. */
export interface SearchableList<Row> {
	readonly rows: Row[];
	readonly index: SearchIndex;
}

/**
 * The rows and their index, built now or else when first searched: the first rows, shown while
 * the rest loads, should not wait for an index that is rarely used before the rest is there.
 */
function searchable<Row>(
	rows: Row[],
	texts: SearchIndexBuilder,
	indexNow: boolean
): SearchableList<Row> {
	if (indexNow) return { rows, index: texts.build() };
	let index: SearchIndex | undefined;
	return {
		rows,
		get index() {
			index ??= texts.build();
			return index;
		}
	};
}

/**
 * Users in the order given, each searched by its ID, the words of its name, email, phone digits,
 * department and title, any run of its phone digits, and its cards (CSNs by number, Wiegand cards
 * by their parts).
 */
export function userList(
	users: readonly User[],
	cards: readonly Card[],
	indexNow = true
): SearchableList<UserRow> {
	const cardsOf = new Map<string, CardNumber[]>();
	const wiegandOf = new Map<string, string[]>();
	for (const card of cards) {
		const list = cardsOf.get(card.userId);
		if (list) list.push(card.number);
		else cardsOf.set(card.userId, [card.number]);
		if (card.wiegand) {
			const words = wiegandSearchWords(card.wiegand);
			const held = wiegandOf.get(card.userId);
			if (held) held.push(words);
			else wiegandOf.set(card.userId, [words]);
		}
	}
	const texts = new SearchIndexBuilder();
	const rows = users.map((user): UserRow => {
		const held = cardsOf.get(user.id) ?? [];
		const fields = [user.name, user.email, user.phoneDigits, user.department, user.title];
		texts.add(
			searchText(user.id, [...fields, ...(wiegandOf.get(user.id) ?? [])]),
			cardNumbersText(held),
			user.phoneDigits
		);
		return {
			id: user.id,
			name: user.name,
			email: user.email ?? '',
			phone: user.phone ?? '',
			userType: user.userType,
			department: user.department ?? '',
			hasImage: user.hasImage === true,
			updatedAt: user.updatedAt,
			cardCount: held.length
		};
	});
	return searchable(rows, texts, indexNow);
}

/**
 * Cards by number (by value, not as text: Wiegand cards after the CSNs, by format, facility code
 * and card number), each searched by its number or its Wiegand parts and its holder's ID and name.
 */
export function cardList(
	cards: readonly Card[],
	users: readonly User[],
	indexNow = true
): SearchableList<CardRow> {
	const names = new Map<UserId, string>();
	for (const user of users) names.set(user.id, user.name);
	const texts = new SearchIndexBuilder();
	const rows = inCardNumberOrder(cards, (card) => card.number).map((card): CardRow => {
		const holder = names.get(card.userId) ?? '';
		const wiegand = card.wiegand ? wiegandSearchWords(card.wiegand) : undefined;
		texts.add(searchText(card.userId, [holder, wiegand]), cardNumbersText([card.number]));
		return {
			number: card.number,
			...(card.enteredAs ? { enteredAs: card.enteredAs } : {}),
			...(card.wiegand ? { wiegand: card.wiegand } : {}),
			userId: card.userId,
			holder,
			status: card.status,
			validFrom: card.validFrom,
			validTo: card.validTo
		};
	});
	return searchable(rows, texts, indexNow);
}

/** The rows of `found` (record numbers of `rows`, in order) that `keep` accepts. */
function rowsOf<Row>(rows: readonly Row[], found: Int32Array, keep: (row: Row) => boolean): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < found.length; i += 1) {
		const row = rows[found[i] ?? 0]!;
		if (keep(row)) out.push(row);
	}
	return out;
}

const everyRow = (): boolean => true;

export type UserSort = 'name' | 'id';

/** The users in name order, and their record numbers in that order (see `sortByName`). */
export interface NameOrder {
	rows: UserRow[];
	records: Int32Array;
}

/** Rows of the list (in ID order) matching the query and type, sorted as asked. */
export function filterUsers(
	list: SearchableList<UserRow>,
	byName: NameOrder | null,
	query: string,
	type: UserType | 'all',
	sort: UserSort
): UserRow[] {
	const named = sort === 'name' ? byName : null;
	const keep = type === 'all' ? everyRow : (row: UserRow) => row.userType === type;
	// Parsed first, so that no query asks for an index that is not built yet.
	const parsed = parseQuery(query);
	const found = parsed && list.index.search(parsed, named && named.records);
	if (found && found.length < list.rows.length) return rowsOf(list.rows, found, keep);
	// Every row matched: the rows as they are, not a copy of a million of them each keystroke.
	const source = named ? named.rows : list.rows;
	return type === 'all' ? source : source.filter(keep);
}

/**
 * One collator for every comparison (creating one costs far more than comparing): the admin's
 * locale, accents and case ignored as in search, and numbers in names compared by value.
 */
const NAME_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The rows sorted by name, then by User ID (the ID order), computed once per data load. */
export function sortByName(rows: readonly UserRow[]): NameOrder {
	// An array, not an Int32Array: V8 sorts typed arrays by a comparator twice as slowly.
	const sorted = Array.from(rows.keys()).sort((a, b) => {
		const x = rows[a]!;
		const y = rows[b]!;
		return NAME_ORDER.compare(x.name, y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
	});
	return { rows: sorted.map((record) => rows[record]!), records: Int32Array.from(sorted) };
}

export function filterCards(
	list: SearchableList<CardRow>,
	query: string,
	status: CardStatus | 'all'
): CardRow[] {
	const keep = status === 'all' ? everyRow : (row: CardRow) => row.status === status;
	const parsed = parseQuery(query);
	const found = parsed && list.index.search(parsed);
	if (found && found.length < list.rows.length) return rowsOf(list.rows, found, keep);
	return status === 'all' ? list.rows : list.rows.filter(keep);
}

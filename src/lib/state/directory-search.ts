/**
 * In-memory search of users and cards (pure, no runes). Each row carries one search string of
 * its word starts, `\n`-separated, so "does any word start with X" is one `includes('\nX')`:
 * at 100 000 users a keystroke costs a few milliseconds.
 */
import { formatCardNumber } from '$lib/domain/card-number';
import { isPhoneShaped, phoneDigitsOf } from '$lib/domain/field-rules';
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
	/** Lower-cased name, for sorting by name. */
	sortName: string;
	/** `\n`-prefixed word starts: name words, User ID, email, phone digits, card numbers. */
	search: string;
	/** `\n`-prefixed card numbers in hexadecimal (lower case), searched only by hex-like terms. */
	searchHex: string;
}

/** What the Cards list shows and searches for one card. */
export interface CardRow {
	number: CardNumber;
	userId: UserId;
	holder: string;
	status: CardStatus;
	validFrom: IsoDate;
	validTo: IsoDate;
	/** `\n`-prefixed: the decimal number and the holder's name words and ID. */
	search: string;
	searchHex: string;
}

const WORD_BREAK = /[\s\-_.,'’()/@]+/u;

function wordStarts(text: string): string[] {
	const lower = text.toLowerCase();
	const words = lower.split(WORD_BREAK).filter((w) => w !== '');
	return lower === '' ? [] : [lower, ...words];
}

const hexOf = (n: CardNumber): string => formatCardNumber(n, 'hexadecimal').toLowerCase();

export function userRows(users: readonly User[], cards: readonly Card[]): UserRow[] {
	const cardsOf = new Map<string, CardNumber[]>();
	for (const card of cards) {
		const list = cardsOf.get(card.userId);
		if (list) list.push(card.number);
		else cardsOf.set(card.userId, [card.number]);
	}
	return users.map((user) => {
		const numbers = cardsOf.get(user.id) ?? [];
		const tokens = [
			...wordStarts(user.name),
			user.id.toLowerCase(),
			...(user.email ? [user.email, ...wordStarts(user.email)] : []),
			...(user.phoneDigits ? [user.phoneDigits] : []),
			...numbers
		];
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
			sortName: user.name.toLowerCase(),
			search: `\n${tokens.join('\n')}`,
			searchHex: numbers.length === 0 ? '' : `\n${numbers.map(hexOf).join('\n')}`
		};
	});
}

export function cardRows(cards: readonly Card[], users: readonly User[]): CardRow[] {
	const names = new Map<UserId, string>();
	for (const user of users) names.set(user.id, user.name);
	return cards.map((card) => {
		const holder = names.get(card.userId) ?? '';
		const tokens = [card.number, ...wordStarts(holder), card.userId.toLowerCase()];
		return {
			number: card.number,
			userId: card.userId,
			holder,
			status: card.status,
			validFrom: card.validFrom,
			validTo: card.validTo,
			search: `\n${tokens.join('\n')}`,
			searchHex: `\n${hexOf(card.number)}`
		};
	});
}

interface Searchable {
	search: string;
	searchHex: string;
}

/**
 * A compiled query: every term must start some word of the row. A term written like a card
 * number in hex (`0x1A2B`, or hex digits with at least one digit) also matches hex card numbers;
 * a query written like a phone number (`+1 (555) 01`) also matches by its digits.
 */
export function matcher(query: string): ((row: Searchable) => boolean) | null {
	const terms = query
		.toLowerCase()
		.split(/\s+/u)
		.filter((t) => t !== '');
	if (terms.length === 0) return null;
	const plain = terms.map((t) => `\n${t}`);
	const hex = terms.map((t) => {
		const m = /^(?:0x)?([0-9a-f]+)$/.exec(t);
		return m?.[1] && (t.startsWith('0x') || /[0-9]/.test(t))
			? `\n${m[1].replace(/^0+/, '') || '0'}`
			: null;
	});
	const phoneLike = isPhoneShaped(query.trim()) ? phoneDigitsOf(query) : '';
	const digits = phoneLike.length >= 3 ? `\n${phoneLike}` : null;
	return (row) => {
		if (digits !== null && row.search.includes(digits)) return true;
		for (let i = 0; i < plain.length; i++) {
			if (row.search.includes(plain[i]!)) continue;
			const h = hex[i];
			if (h != null && row.searchHex.includes(h)) continue;
			return false;
		}
		return true;
	};
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

/** The rows sorted by name (then ID), computed once per data load. */
export function sortByName(rows: readonly UserRow[]): UserRow[] {
	return [...rows].sort((a, b) =>
		a.sortName < b.sortName
			? -1
			: a.sortName > b.sortName
				? 1
				: a.id < b.id
					? -1
					: a.id > b.id
						? 1
						: 0
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

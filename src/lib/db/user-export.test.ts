import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideRow, type Existing } from '$lib/domain/overlap';
import { FIELD_KEYS, type FieldKey } from '$lib/domain/fields';
import { InFileDuplicates } from '$lib/domain/in-file-duplicates';
import { emptyMapping, type Mapping } from '$lib/domain/mapping';
import { formatCardNumber } from '$lib/domain/card-number';
import { readWiegandCells } from '$lib/domain/card-cells';
import type { Card, CardIdType, SessionId, User, UserId } from '$lib/domain/model';
import { EXPORT_HEADER } from '$lib/domain/user-export';
import { validateRow } from '$lib/domain/validate-row';
import type { RosterDatabase } from './database';
import { exportUsersCsv } from './user-export';
import { day, storedCard, storedUser, testDatabase } from './testing/test-db';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const card = storedCard;
const WIEGAND = (() => {
	const read = readWiegandCells('h10301', '17', '1037');
	if (!read.ok || read.value === null) throw new Error('FC 17 · 1037 is an H10301 card');
	return { number: read.value.number, wiegand: read.value.wiegand };
})();

const USERS: User[] = [
	storedUser('U1', {
		name: 'Ana Park',
		email: 'ana@x.org',
		phone: '+1 (555) 010-0100',
		phoneDigits: '15550100100',
		department: 'Sales',
		title: 'Lead',
		imageFile: 'Ana Park.JPG'
	}),
	storedUser('U2', { name: '=HYPERLINK("x") Bo', userType: 'Visitor', title: 'Guest, "VIP"' }),
	storedUser('U3', { name: 'Chris Lee', userType: 'Member', department: '-' }),
	storedUser('U4', { name: 'Dana Wolf' })
];
const CARDS = [
	card('18446744073709551615', 'U1', {
		enteredAs: { type: 'hexadecimal', digits: 'FFFFFFFFFFFFFFFF' }
	}),
	card('7', 'U2'),
	card(WIEGAND.number, 'U4', { wiegand: WIEGAND.wiegand })
];
/** The same cards as if all CSNs were entered in `type`. */
const cardsEnteredAs = (type: CardIdType): Card[] =>
	CARDS.map(({ enteredAs: _form, ...stored }) =>
		type === 'decimal' || stored.wiegand
			? stored
			: { ...stored, enteredAs: { type, digits: formatCardNumber(stored.number, type) } }
	);

async function parse(blob: Blob): Promise<string[][]> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
	const text = new TextDecoder().decode(bytes); // strips the BOM
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

describe('exportUsersCsv', () => {
	it('writes the template header and one row per card (as it was entered, a Wiegand card by its parts) or per user without a card', async () => {
		CARDS[0]!.validFrom = day('2026-02-01');
		await db.users.bulkAdd(USERS);
		await db.cards.bulkAdd(CARDS);
		const rows = await parse(await exportUsersCsv(db));
		expect(rows[0]).toEqual([...EXPORT_HEADER]);
		expect(rows[0]).toEqual([
			'User ID',
			'Name',
			'Email',
			'Phone',
			'User type',
			'Department',
			'Title',
			'Image file name',
			'Card ID',
			'Card format',
			'Facility code',
			'Card number',
			'Card start date',
			'Card end date'
		]);
		expect(rows.slice(1)).toEqual([
			[
				'U1',
				'Ana Park',
				'ana@x.org',
				"'+1 (555) 010-0100",
				'Employee',
				'Sales',
				'Lead',
				'Ana Park.JPG',
				'FFFFFFFFFFFFFFFF',
				'CSN',
				'',
				'',
				'2026-02-01',
				'2026-12-31'
			],
			[
				'U2',
				`'=HYPERLINK("x") Bo`,
				'',
				'',
				'Visitor',
				'',
				'Guest, "VIP"',
				'',
				'7',
				'CSN',
				'',
				'',
				'2026-01-01',
				'2026-12-31'
			],
			['U3', 'Chris Lee', '', '', 'Member', "'-", '', '', '', '', '', '', '', ''],
			[
				'U4',
				'Dana Wolf',
				'',
				'',
				'Employee',
				'',
				'',
				'',
				'',
				'H10301',
				'17',
				'1037',
				'2026-01-01',
				'2026-12-31'
			]
		]);
	});

	it('escapes cells whose formula hides behind a full-width or invisible first character', async () => {
		await db.users.bulkAdd([
			storedUser('U4', { name: '＝1+1', department: '\u200b=1+1', title: '\u3000@x' })
		]);
		const [, row] = await parse(await exportUsersCsv(db));
		expect(row?.slice(1, 7)).toEqual(["'＝1+1", '', '', 'Employee', "'\u200b=1+1", "'\u3000@x"]);
	});

	it.each(['decimal', 'hexadecimal'] as const)(
		're-imports through the import rules with 0 failures and 0 changes (%s, both policies)',
		async (cardIdType) => {
			const stored = cardsEnteredAs(cardIdType);
			stored[0]!.validFrom = day('2026-02-01');
			// Ana holds two cards: two rows, the second adding its card to the first row's user.
			const extra = card('4242', 'U1', { validTo: day('2027-03-31') });
			stored.push(
				cardIdType === 'decimal'
					? extra
					: {
							...extra,
							enteredAs: { type: cardIdType, digits: formatCardNumber(extra.number, cardIdType) }
						}
			);
			await db.users.bulkAdd(USERS);
			await db.cards.bulkAdd(stored);
			const [header, ...records] = await parse(await exportUsersCsv(db));
			expect(records.map((r) => r[0])).toEqual(['U1', 'U1', 'U2', 'U3', 'U4']);
			const mapping: Mapping = {
				...emptyMapping(),
				...(Object.fromEntries(
					FIELD_KEYS.map((key, i) => [key, header!.indexOf(EXPORT_HEADER[i]!)])
				) as Record<FieldKey, number>)
			};
			const settings = {
				overwrite: 'keep' as const,
				cardIdType,
				startDate: day('2030-01-01'),
				endDate: day('2030-12-31'),
				dateFormat: 'YYYY-MM-DD' as const,
				headerRow: 1
			};
			const users = new Map(USERS.map((u) => [u.id, u]));
			const cards = new Map(stored.map((c) => [c.number, c]));
			for (const policy of ['keep', 'overwrite'] as const) {
				const duplicates = new InFileDuplicates();
				const outcomes = records.map((cells, i) => {
					const firstRow = duplicates.firstRowOf(cells[0] ?? '');
					const verdict = validateRow(cells, mapping, { ...settings, overwrite: policy }, i + 2, {
						nameOptional: firstRow !== undefined
					});
					if (verdict.kind !== 'valid') return verdict.kind;
					const row = { ...verdict.row, userId: verdict.row.userId as UserId, firstRow };
					if (duplicates.check(row, i + 2).length > 0) return 'duplicate';
					const rowCards = row.cards.flatMap((c) => cards.get(c.number) ?? []);
					const existing: Existing = {
						user: users.get(row.userId),
						emailOwner: USERS.find((u) => row.email !== null && u.email === row.email),
						phoneOwner: USERS.find(
							(u) => row.phoneDigits !== null && u.phoneDigits === row.phoneDigits
						),
						cards: new Map(rowCards.map((c) => [c.number, c])),
						holders: users,
						cardsHeld: stored.filter((c) => c.userId === row.userId).length
					};
					return decideRow(row, existing, {
						policy,
						now: 99,
						sessionId: 's' as SessionId,
						maxCards: 8
					}).outcome;
				});
				expect(outcomes).toEqual(['kept', 'kept', 'kept', 'kept', 'kept']);
			}
		}
	);

	it('exports nothing but the header for an empty database', async () => {
		expect(await parse(await exportUsersCsv(db))).toEqual([[...EXPORT_HEADER]]);
	});
});

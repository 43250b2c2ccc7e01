import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import type { CardNumber, UserId } from '$lib/domain/model';
import { APP_SETTINGS_KEY } from '$lib/db/app-settings';
import type { RosterDatabase } from '$lib/db/database';
import { storedCard, storedUser, testDatabase } from '$lib/db/testing/test-db';
import { exportUsersCsv } from '$lib/db/user-export';
import { configured, csvFile, snapshot, testEngine } from './testing/engine-harness';

/** Several cards per user (docs/architecture.md, "Several cards per user"), through the engine. */

const HEADER = 'User ID,Name,Email,Card ID,Card end date';
/** Rows of one user far apart, a cell with two cards, a later row with blank cells. */
const FILE = [
	HEADER,
	'U1,Ana Park,ana@x.org,11,',
	'U2,Bo Lee,bo@x.org,21/22,',
	'U3,Chris Kim,,,',
	'U1,Ana Park,ana@x.org,12;13,2027-06-30',
	'U2,,,23,',
	'U3,,,31,'
].join('\n');

const holders = async (db: RosterDatabase) =>
	Object.fromEntries((await db.cards.toArray()).map((c) => [c.number, c.userId]));

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

describe('a file with several cards per user', () => {
	it('previews a later row as adding cards to its first row’s user', async () => {
		const engine = testEngine(db);
		const preview = await engine.preview(await configured(engine, csvFile(FILE)), 10);
		expect(preview.rows.map((row) => row.addsCardsToRow)).toEqual([
			undefined,
			undefined,
			undefined,
			2,
			3,
			4
		]);
	});

	it.each([1, 2, 5000])(
		'gives each user all their cards, counted apart (%i rows a chunk), as the dry run said',
		async (rowsPerChunk) => {
			const engine = testEngine(db, { rowsPerChunk });
			const id = await configured(engine, csvFile(FILE));
			const dry = await engine.dryRun(id);
			const session = await engine.start(id);
			expect(session.counters).toEqual({
				created: 3,
				updated: 3,
				kept: 0,
				failed: 0,
				skipped: 0,
				usersCreated: 3,
				usersUpdated: 0,
				usersKept: 0,
				cardsCreated: 7,
				cardsUpdated: 0,
				cardsKept: 0
			});
			expect(dry.counters).toEqual(session.counters);
			expect(await db.users.count()).toBe(3);
			expect(await holders(db)).toEqual({
				'11': 'U1',
				'12': 'U1',
				'13': 'U1',
				'21': 'U2',
				'22': 'U2',
				'23': 'U2',
				'31': 'U3'
			});
			// Each row keeps its own dates; the later blank row kept Bo's name.
			expect((await db.cards.get('12' as CardNumber))?.validTo).toBe('2027-06-30');
			expect((await db.cards.get('11' as CardNumber))?.validTo).toBe('2027-11-26');
			expect((await db.users.get('U2' as UserId))?.name).toBe('Bo Lee');
		}
	);

	it('lists each row with its cards in the succeeded file, and Undo removes them all', async () => {
		const before = await snapshot(db);
		const engine = testEngine(db, { rowsPerChunk: 2 });
		const id = await configured(engine, csvFile(FILE));
		await engine.start(id);
		const text = await (await engine.exportResults(id, 'succeeded')).blob.text();
		const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		expect(rows[0]).toEqual([
			'Row',
			'Result',
			'User ID',
			'Name',
			'Email',
			'Card ID',
			'Card end date',
			'Cards'
		]);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[5], r.at(-1)])).toEqual([
			['2', 'created', '11', '1 created'],
			['3', 'created', '21/22', '2 created'],
			['4', 'created', '', ''],
			['5', 'updated', '12/13', '2 created'],
			['6', 'updated', '23', '1 created'],
			['7', 'updated', '31', '1 created']
		]);
		await engine.undo(id);
		expect(await snapshot(db)).toEqual(before);
	});

	it('fails a later row that disagrees, or repeats a card, naming the earlier row', async () => {
		const engine = testEngine(db, { rowsPerChunk: 2 });
		const id = await configured(
			engine,
			csvFile([HEADER, 'U1,Ana,ana@x.org,11,', 'U2,Bo,,21,', 'U1,Anna,,12,', 'U1,,,11,'].join('\n'))
		);
		await engine.start(id);
		const failed = await (await engine.exportResults(id, 'failed')).blob.text();
		const rows = Papa.parse<string[]>(failed.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		expect(rows.slice(1).map((r) => [r.at(-2), r.at(-1)])).toEqual([
			[
				'4',
				'Name "Anna" differs from row 2, which has the same User ID: leave it blank or write it as in row 2'
			],
			['5', 'Card ID "11" repeats row 2']
		]);
		expect(await holders(db)).toEqual({ '11': 'U1', '21': 'U2' });
	});

	it('fails the later rows of a user whose first row failed, naming it', async () => {
		await db.users.add(storedUser('OTHER', { email: 'taken@x.org' }));
		const engine = testEngine(db, { rowsPerChunk: 1 });
		const id = await configured(
			engine,
			csvFile([HEADER, 'U1,Ana,taken@x.org,11,', 'U1,,,12,'].join('\n'))
		);
		const dry = await engine.dryRun(id);
		const session = await engine.start(id);
		expect(session.counters).toMatchObject({ failed: 2, usersCreated: 0, cardsCreated: 0 });
		expect(dry.counters).toEqual(session.counters);
		expect(dry.firstFailures[1]?.error).toBe(
			'User ID "U1" was not imported by row 2, its first row, so this row\'s cards cannot be added: fix row 2, then import both rows again'
		);
	});

	it('refuses more cards than "Cards per user", counting the cards a user already holds', async () => {
		await db.settings.put({
			key: APP_SETTINGS_KEY,
			value: { ...DEFAULT_APP_SETTINGS, maxCardsPerUser: 3 },
			updatedAt: 1
		});
		await db.users.add(storedUser('U1', { name: 'Ana' }));
		await db.cards.bulkAdd([storedCard('1', 'U1'), storedCard('2', 'U1')]);
		const engine = testEngine(db, { rowsPerChunk: 1 });
		const id = await configured(engine, csvFile([HEADER, 'U1,Ana,,3,', 'U1,,,4/5,'].join('\n')), {
			overwrite: 'overwrite'
		});
		const dry = await engine.dryRun(id);
		const session = await engine.start(id);
		expect(dry.counters).toEqual(session.counters);
		expect(session.counters).toMatchObject({ updated: 1, failed: 1, cardsCreated: 1 });
		expect(dry.firstFailures).toEqual([
			{
				row: 3,
				error:
					'user U1 (Ana) would hold 5 cards (3 already, 2 in this row), more than the 3 cards per user allowed: raise "Cards per user" in Settings, or remove cards the user no longer needs'
			}
		]);
	});

	it('Keep leaves an existing user and all their rows alone; Overwrite adds the cards, Undo removes them', async () => {
		await db.users.add(storedUser('U1', { name: 'Ana' }));
		await db.cards.add(storedCard('1', 'U1'));
		const before = await snapshot(db);
		const file = csvFile([HEADER, 'U1,Ana,,1,', 'U2,Bo,,21,', 'U1,,,2,', 'U2,,,22,'].join('\n'));
		const keep = testEngine(db, { rowsPerChunk: 1 });
		const kept = await keep.start(await configured(keep, file));
		expect(kept.counters).toMatchObject({
			usersCreated: 1,
			usersKept: 1,
			cardsCreated: 2,
			cardsKept: 2
		});
		expect(await holders(db)).toEqual({ '1': 'U1', '21': 'U2', '22': 'U2' });
		await keep.undo(kept.id);
		expect(await snapshot(db)).toEqual(before);
		await keep.complete(kept.id);

		const overwrite = testEngine(db, { rowsPerChunk: 1, newId: () => 'second' });
		const id = await configured(overwrite, file, { overwrite: 'overwrite' });
		const done = await overwrite.start(id);
		expect(done.counters).toMatchObject({ usersCreated: 1, usersKept: 1, cardsCreated: 3 });
		expect(await holders(db)).toEqual({ '1': 'U1', '2': 'U1', '21': 'U2', '22': 'U2' });
		await overwrite.undo(id);
		expect(await snapshot(db)).toEqual(before);
	});
});

describe('resume', () => {
	it('a run killed between chunks goes on adding cards to users of the committed chunks', async () => {
		const reference = testDatabase(undefined, 'multi-card-reference');
		const straight = testEngine(reference, { rowsPerChunk: 2 });
		const done = await straight.start(await configured(straight, csvFile(FILE)));

		const id = await configured(testEngine(db, { rowsPerChunk: 2 }), csvFile(FILE));
		const crashing = testEngine(db, { rowsPerChunk: 2 });
		await expect(
			crashing.start(id, () => {
				throw new Error('tab closed');
			})
		).resolves.toMatchObject({ status: 'interrupted' });
		expect((await db.importSessions.get(id))?.cursor.rows).toBe(2);
		const resumed = await testEngine(db, { rowsPerChunk: 2 }).start(id);
		expect(resumed.counters).toEqual(done.counters);
		expect(await snapshot(db)).toEqual(await snapshot(reference));
		await reference.delete();
	});
});

describe('the users export of users with several cards', () => {
	it.each(['keep', 'overwrite'] as const)(
		're-imports (%s) with 0 changes and 0 failures',
		async (overwrite) => {
			const engine = testEngine(db, { rowsPerChunk: 2 });
			const first = await engine.start(await configured(engine, csvFile(FILE)));
			await engine.complete(first.id);
			const before = await snapshot(db);
			const exported = await exportUsersCsv(db);
			const again = testEngine(db, { rowsPerChunk: 2, newId: () => 'again' });
			const id = await configured(again, new File([exported], 'roster-users.csv'), { overwrite });
			const session = await again.start(id);
			expect(session.counters).toEqual({
				created: 0,
				updated: 0,
				kept: 7,
				failed: 0,
				skipped: 0,
				usersCreated: 0,
				usersUpdated: 0,
				usersKept: 3,
				cardsCreated: 0,
				cardsUpdated: 0,
				cardsKept: 7
			});
			expect(await snapshot(db)).toEqual(before);
		}
	);
});

describe('generated files of users with 1–3 cards each', () => {
	const property = testDatabase(undefined, 'multi-card-property');
	afterAll(() => property.delete());

	it('count every card once, whatever the order of rows, the cells and the chunks', async () => {
		const user = fc.record({
			cards: fc.integer({ min: 1, max: 3 }),
			/** How the user's cards are cut into rows: one row per card, or one cell of all. */
			oneCell: fc.boolean(),
			separator: fc.constantFrom('/', ';', '|', ' / ')
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(user, { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 4 }),
				fc.integer(),
				async (users, rowsPerChunk, seed) => {
					await Promise.all([
						property.users.clear(),
						property.cards.clear(),
						property.importSessions.clear()
					]);
					let next = 1000;
					const rows: string[] = [];
					const expected: Record<string, string> = {};
					users.forEach((u, i) => {
						const numbers = Array.from({ length: u.cards }, () => String((next += 1)));
						for (const n of numbers) expected[n] = `U${i}`;
						const cells = u.oneCell ? [numbers.join(u.separator)] : numbers;
						// Every row repeats the user's cells, as the users export writes them.
						for (const cell of cells) rows.push(`U${i},Name ${i},u${i}@x.org,${cell},`);
					});
					const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), {
						numRuns: 1,
						seed
					})[0]!;
					const engine = testEngine(property, { rowsPerChunk });
					const id = await configured(engine, csvFile([HEADER, ...shuffled].join('\n')));
					const dry = await engine.dryRun(id);
					const session = await engine.start(id);
					const total = Object.keys(expected).length;
					expect(session.counters).toMatchObject({
						failed: 0,
						usersCreated: users.length,
						cardsCreated: total
					});
					expect(session.counters.created + session.counters.updated).toBe(rows.length);
					expect(dry.counters).toEqual(session.counters);
					expect(await holders(property)).toEqual(expected);
					await engine.complete(id);
				}
			),
			{ numRuns: 40 }
		);
	}, 60_000);
});

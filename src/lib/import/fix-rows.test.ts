/** Failed rows fixed in See Results and imported into the same session (engine level). */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { createUser } from '$lib/db/repositories/users';
import { storedCard, testDatabase, uid, userInput } from '$lib/db/testing/test-db';
import type { SessionId } from '$lib/domain/model';
import { configured, csvFile, snapshot, testEngine } from './testing/engine-harness';
import type { ImportEngine } from './engine';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

// Rows 2–3 import; 4 has a bad email, 5 no name, 6 repeats row 2's card, 7 a card held in the database.
const FILE = [
	'User ID,Name,Email,Card ID',
	'1,Ana,ana@example.org,501',
	'2,Bo,bo@example.org,502',
	'3,Cy,cy@,503',
	'4,,di@example.org,504',
	'5,Ed,ed@example.org,501',
	'6,Fay,fay@example.org,900'
].join('\n');

async function imported(engine: ImportEngine): Promise<SessionId> {
	await createUser(db, userInput('h', { name: 'Holder' }), 1);
	await db.cards.put(storedCard('900', 'h'));
	const id = await configured(engine, csvFile(FILE));
	const session = await engine.start(id);
	expect(session.counters).toMatchObject({ created: 2, failed: 4 });
	return id;
}

async function csv(engine: ImportEngine, id: SessionId, kind: 'succeeded' | 'failed') {
	const text = await (await engine.exportResults(id, kind)).blob.text();
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('failed rows', () => {
	it('are listed in file order, each problem with the field at fault', async () => {
		const engine = testEngine(db);
		const id = await imported(engine);
		const { rows } = await engine.failedRows(id);
		expect(rows.map((r) => r.row)).toEqual([4, 5, 6, 7]);
		expect(rows[0]?.problems?.map((p) => p.field)).toEqual(['email']);
		expect(rows[1]?.problems?.map((p) => p.field)).toEqual(['name']);
		expect(rows[2]?.problems).toEqual([
			{ field: 'cardId', message: 'Card ID "501" repeats row 2' }
		]);
		expect(rows[3]?.problems?.[0]?.message).toMatch(/belongs to user h \(Holder\)/);
	});
});

describe('judgeFixedRows', () => {
	it('judges an edited row live by the same rules, writing nothing', async () => {
		const engine = testEngine(db);
		const id = await imported(engine);
		const before = await snapshot(db);
		const [fixed, still, repeat] = await engine.judgeFixedRows(id, [
			{ row: 4, cells: ['3', 'Cy', 'cy@example.org', '503'] },
			{ row: 5, cells: ['4', '', 'di@example.org', '504'] },
			{ row: 6, cells: ['5', 'Ed', 'ed@example.org', '502'] }
		]);
		expect(fixed).toMatchObject({ row: 4, outcome: 'created', problems: [] });
		expect(fixed?.keys.map(([field]) => field)).toEqual(['userId', 'email', 'cardId']);
		expect(still).toMatchObject({ row: 5, outcome: 'failed' });
		expect(still?.problems.map((p) => p.field)).toEqual(['name']);
		// Row 2 is in the database now: its card is another user's.
		expect(repeat?.problems[0]?.message).toMatch(/Card ID "502" belongs to user 2 \(Bo\)/);
		expect(await snapshot(db)).toEqual(before);
	});

	it('fails repeats among the fixed rows, and a row emptied', async () => {
		const engine = testEngine(db);
		const id = await imported(engine);
		const verdicts = await engine.judgeFixedRows(id, [
			{ row: 5, cells: ['4', 'Di', 'di@example.org', '777'] },
			{ row: 4, cells: ['3', 'Cy', 'cy@example.org', '777'] },
			{ row: 7, cells: ['', '', '', ''] }
		]);
		expect(verdicts.map((v) => [v.row, v.outcome])).toEqual([
			[4, 'created'],
			[5, 'failed'],
			[7, 'failed']
		]);
		expect(verdicts[1]?.problems[0]?.message).toBe('Card ID "777" repeats row 4');
		expect(verdicts[2]?.problems[0]?.message).toMatch(/now empty/);
	});
});

describe('importFixedRows', () => {
	it('imports the rows that pass into the same session: counts, result files and Undo include them', async () => {
		const engine = testEngine(db, { rowsPerChunk: 1 });
		const id = await imported(engine);
		const { session, verdicts } = await engine.importFixedRows(id, [
			{ row: 4, cells: ['3', 'Cy', 'cy@example.org', '503'] },
			{ row: 5, cells: ['4', 'Di', 'di@example.org', '504'] },
			// Still failing: the card is still another user's; its new cells are kept.
			{ row: 7, cells: ['6', 'Fay Two', 'fay@example.org', '900'] },
			// Not a failed row of this session: ignored.
			{ row: 2, cells: ['1', 'Ana Again', 'ana@example.org', '501'] }
		]);
		expect(session.status).toBe('done');
		expect(session.counters).toMatchObject({ created: 4, updated: 0, kept: 0, failed: 2 });
		expect(verdicts.map((v) => [v.row, v.outcome])).toEqual([
			[4, 'created'],
			[5, 'created'],
			[7, 'failed']
		]);
		expect((await db.users.get(uid('3')))?.name).toBe('Cy');
		expect((await db.users.get(uid('1')))?.name).toBe('Ana');

		const succeeded = await csv(engine, id, 'succeeded');
		expect(succeeded.slice(1).map((cells) => cells[0])).toEqual(['2', '3', '4', '5']);
		const failed = await csv(engine, id, 'failed');
		expect(failed.slice(1).map((cells) => [cells[4], cells[1]])).toEqual([
			['6', 'Ed'],
			['7', 'Fay Two']
		]);
		expect((await engine.failedRows(id)).rows.map((r) => r.row)).toEqual([6, 7]);

		const undone = await engine.undo(id);
		expect(undone.undone).toBe(true);
		expect((await snapshot(db)).users.map((u) => u.id)).toEqual(['h']);
	});

	it('refuses a session that has not finished, through the lifecycle', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(FILE));
		await expect(engine.importFixedRows(id, [])).rejects.toMatchObject({
			error: { code: 'SESSION_STATE' }
		});
	});

	it('with no rows only ends a fix a dead worker left', async () => {
		const engine = testEngine(db);
		const id = await imported(engine);
		await db.importSessions.update(id, { status: 'fixing' });
		const { session } = await engine.importFixedRows(id, []);
		expect(session).toMatchObject({ status: 'done', counters: { created: 2, failed: 4 } });
	});
});

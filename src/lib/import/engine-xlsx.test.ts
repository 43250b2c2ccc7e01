import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase } from '$lib/db/testing/test-db';
import { AppFailure } from '$lib/domain/errors';
import { DEFAULTS, snapshot, testEngine } from './testing/engine-harness';
import {
	longCard,
	NUMBER_PAST_2_53,
	twoSheetWorkbook,
	workbookBytes,
	XLSX_TYPE
} from './testing/workbooks';

const MB = 1024 * 1024;
const xlsxFile = (bytes: Uint8Array, name = 'users.xlsx') =>
	new File([new Uint8Array(bytes)], name, { type: XLSX_TYPE });
const options = { maxBytes: 5 * MB, defaults: DEFAULTS };

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

describe('an Excel workbook takes the same Configure / Import / Results path', () => {
	it('starts from the first sheet with content, lists every sheet, and maps its header', async () => {
		const engine = testEngine(db);
		const view = await engine.open(xlsxFile(await twoSheetWorkbook(3)), options);
		expect(view.session.workbook).toEqual({
			sheets: [
				{ name: 'Notes', rows: 3 },
				{ name: 'People', rows: 4 }
			],
			sheet: 'Notes'
		});
		const picked = await engine.configure(view.session.id, { sheet: 'People' });
		expect(picked.session.workbook?.sheet).toBe('People');
		expect(picked.headerNames[0]).toBe('User ID');
		expect(picked.session.mapping).toMatchObject({ userId: 0, name: 1, email: 2, cardId: 3 });
		expect(picked.sheetWarnings).toEqual([]);
	});

	it('imports the chosen sheet with long card numbers intact and dates as dates', async () => {
		const engine = testEngine(db, { rowsPerChunk: 4 });
		const { session } = await engine.open(xlsxFile(await twoSheetWorkbook(10)), options);
		await engine.configure(session.id, { sheet: 'People' });
		const preview = await engine.preview(session.id, 2);
		expect(preview.rows.map((row) => row.outcome)).toEqual(['created', 'created']);
		const dry = await engine.dryRun(session.id);
		const done = await engine.start(session.id);
		expect(done.status).toBe('done');
		expect(done.counters).toMatchObject({ created: 10, failed: 0 });
		expect(dry.counters).toEqual(done.counters);
		const cards = await db.cards.orderBy('number').toArray();
		expect(cards.map((card) => card.number)).toEqual(
			Array.from({ length: 10 }, (_, i) => longCard(i + 1))
		);
		expect(cards[0]).toMatchObject({ validFrom: '2026-01-31', validTo: '2027-12-31' });
		const failed = await (await engine.exportResults(session.id, 'failed')).blob.text();
		expect(failed).toContain('User ID');
	});

	it('resumes a run whose worker died by reading the stored workbook again', async () => {
		const reference = testDatabase();
		const straight = testEngine(reference, { rowsPerChunk: 3 });
		const bytes = await twoSheetWorkbook(12);
		const first = (await straight.open(xlsxFile(bytes), options)).session.id;
		await straight.configure(first, { sheet: 'People' });
		await straight.start(first);

		const engine = testEngine(db, { rowsPerChunk: 3 });
		const id = (await engine.open(xlsxFile(bytes), options)).session.id;
		await engine.configure(id, { sheet: 'People' });
		let chunks = 0;
		await expect(
			engine.start(id, () => {
				chunks += 1;
				if (chunks === 2) throw new Error('worker gone');
			})
		).resolves.toMatchObject({ status: 'interrupted' });
		// A new worker: nothing of the first one's memory, only the session and its stored file.
		const resumed = await testEngine(db, { rowsPerChunk: 3 }).start(id);
		expect(resumed.status).toBe('done');
		expect(resumed.counters).toMatchObject({ created: 12, failed: 0 });
		expect(await snapshot(db)).toEqual(await snapshot(reference));
		await reference.delete();
	});

	it('says which numbers lost digits, and judges the rest as usual', async () => {
		const xlsx = await workbookBytes([
			{
				sheet: 'Users',
				data: [
					['User ID', 'Name', 'Card ID'],
					['u1', 'Ana', NUMBER_PAST_2_53],
					['u2', 'Bo', 4000002]
				]
			}
		]);
		const view = await testEngine(db).open(xlsxFile(xlsx), options);
		expect(view.sheetWarnings).toHaveLength(1);
		expect(view.sheetWarnings[0]).toContain('C2 (12345678901234567000)');
	});

	it('applies the same size limit and refuses a workbook with no rows', async () => {
		const engine = testEngine(db);
		const bytes = await twoSheetWorkbook(3);
		const tooLarge = await engine
			.open(xlsxFile(bytes), { ...options, maxBytes: bytes.length - 1 })
			.catch((thrown: unknown) => thrown);
		expect((tooLarge as AppFailure).error.code).toBe('FILE_TOO_LARGE');

		const blank = await workbookBytes([{ sheet: 'Sheet1', data: [[null]] }]);
		const empty = await engine.open(xlsxFile(blank), options).catch((thrown: unknown) => thrown);
		expect(empty).toBeInstanceOf(AppFailure);
		expect((empty as AppFailure).error).toMatchObject({ code: 'FILE_EMPTY' });
		expect((empty as AppFailure).error.message).toContain('every sheet is blank');
	});

	it('refuses a sheet the workbook does not have', async () => {
		const engine = testEngine(db);
		const { session } = await engine.open(xlsxFile(await twoSheetWorkbook(1)), options);
		const refused = await engine
			.configure(session.id, { sheet: 'Missing' })
			.catch((thrown: unknown) => thrown);
		expect((refused as AppFailure).error.code).toBe('INVALID_INPUT');
	});
});

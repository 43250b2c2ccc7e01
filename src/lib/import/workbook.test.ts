import { describe, expect, it } from 'vitest';
import { AppFailure } from '$lib/domain/errors';
import { readWorkbook, sheetBatches, WorkbookCache } from './workbook';
import {
	longCard,
	NUMBER_PAST_2_53,
	twoSheetWorkbook,
	withFormulaValues,
	workbookBytes
} from './testing/workbooks';

const blobOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('readWorkbook: a sheet as the rows the CSV path reads', () => {
	it('reads every sheet in order, cells as Excel shows them', async () => {
		const xlsx = await workbookBytes([
			{ sheet: 'Cover', data: [['Users of site 2']] },
			{
				sheet: 'Users',
				data: [
					['User ID', 'Card ID', 'Card start date', 'Active', 'Count'],
					['u1', 1234567890123456, new Date(Date.UTC(2026, 0, 31)), true, 7],
					['u2', { value: '1234567890123456789', type: String, format: '@' }, null, false, 0.5],
					[
						'u3',
						{ value: '0012', type: String },
						{ value: new Date(Date.UTC(2026, 5, 1, 13, 30)), format: 'yyyy-mm-dd hh:mm' },
						null,
						-3
					]
				]
			}
		]);
		const sheets = await readWorkbook(blobOf(xlsx));
		expect(sheets.map((sheet) => sheet.name)).toEqual(['Cover', 'Users']);
		expect(sheets[0]?.rows).toEqual([['Users of site 2']]);
		expect(sheets[1]?.rows).toEqual([
			['User ID', 'Card ID', 'Card start date', 'Active', 'Count'],
			['u1', '1234567890123456', '2026-01-31', 'TRUE', '7'],
			['u2', '1234567890123456789', '', 'FALSE', '0.5'],
			['u3', '0012', '2026-06-01 13:30:00', '', '-3']
		]);
		expect(sheets[1]?.lossyNumberCount).toBe(0);
	});

	it('keeps blank rows and the blank cells of a merged range, so row numbers match Excel', async () => {
		const xlsx = await workbookBytes([
			{
				sheet: 'Users',
				data: [
					[{ value: 'Site 2 users', columnSpan: 3 }, null, null],
					[],
					['User ID', 'Name', 'Email'],
					['u1', 'Ana', null],
					[null, null, null],
					['u2', 'Bo', 'bo@example.org']
				]
			}
		]);
		const [users] = await readWorkbook(blobOf(xlsx));
		expect(users?.rows).toEqual([
			['Site 2 users', '', ''],
			['', '', ''],
			['User ID', 'Name', 'Email'],
			['u1', 'Ana', ''],
			['', '', ''],
			['u2', 'Bo', 'bo@example.org']
		]);
	});

	it('gives a formula its computed value', async () => {
		const xlsx = withFormulaValues(
			await workbookBytes([
				{
					sheet: 'Users',
					data: [
						['User ID', 'Card ID', 'Name'],
						[
							'u1',
							{ type: 'Formula', value: '=4000000+1' },
							{ type: 'Formula', value: '="Ana"&" Lee"' }
						]
					]
				}
			]),
			[
				{ formula: '=4000000+1', value: '4000001' },
				{ formula: '="Ana"&" Lee"', value: 'Ana Lee', type: 'str' }
			]
		);
		const [users] = await readWorkbook(blobOf(xlsx));
		expect(users?.rows[1]).toEqual(['u1', '4000001', 'Ana Lee']);
	});

	it('warns of numbers past 2^53, naming the cell', async () => {
		const xlsx = await workbookBytes([
			{
				sheet: 'Users',
				data: [
					['User ID', 'Card ID'],
					['u1', NUMBER_PAST_2_53]
				]
			}
		]);
		const [users] = await readWorkbook(blobOf(xlsx));
		expect(users?.rows[1]).toEqual(['u1', '12345678901234567000']);
		expect(users?.lossyNumbers).toEqual([{ row: 2, column: 'B', text: '12345678901234567000' }]);
	});

	it('reads a sheet too large for the synchronous path of the unzipper (over 512 KB of XML)', async () => {
		const [, people] = await readWorkbook(blobOf(await twoSheetWorkbook(2000)));
		expect(people?.rows).toHaveLength(2001);
		expect(people?.rows[2000]?.[3]).toBe(longCard(2000));
		expect(people?.rows[1999]?.[3]).toBe(longCard(1999));
	});

	it('refuses a file that is not a workbook, with what to do', async () => {
		const zipLike = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
		const refused = await readWorkbook(blobOf(zipLike)).catch((thrown: unknown) => thrown);
		expect(refused).toBeInstanceOf(AppFailure);
		expect((refused as AppFailure).error.code).toBe('FILE_IS_SPREADSHEET');
		expect((refused as AppFailure).error.message).toContain('save it as CSV UTF-8');
	});
});

describe('sheetBatches and WorkbookCache', () => {
	it('yields the rows in batches with progress in bytes, as the CSV reader does', async () => {
		const rows = Array.from({ length: 4500 }, (_, i) => [`u${i}`]);
		const batches = [];
		for await (const batch of sheetBatches(() => Promise.resolve(rows), 9000)) batches.push(batch);
		expect(batches.map((b) => b.records.length)).toEqual([2000, 2000, 500]);
		expect(batches.map((b) => b.bytesRead)).toEqual([4000, 8000, 9000]);
		expect(batches.flatMap((b) => b.records)).toEqual(rows);
		// A pass that changes its cells leaves the cached rows as read.
		const first = batches[0]?.records[0];
		if (first) first[0] = 'changed';
		expect(rows[0]).toEqual(['u0']);
	});

	it('reads a session’s workbook once, and again after forget or a refusal', async () => {
		const cache = new WorkbookCache();
		const file = blobOf(await twoSheetWorkbook(3));
		const first = cache.read('s1', file);
		expect(cache.read('s1', file)).toBe(first);
		cache.forget('s1');
		const again = cache.read('s1', file);
		expect(again).not.toBe(first);
		expect(await again).toEqual(await first);

		const bad = cache.read('s2', blobOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04])));
		await expect(bad).rejects.toBeInstanceOf(AppFailure);
		expect(cache.read('s2', file)).not.toBe(bad);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase } from '$lib/db/testing/test-db';
import { assertDecodable, readRecords } from './core/csv-records';
import { DEFAULTS, testEngine } from './testing/engine-harness';

const encoder = new TextEncoder();
const utf8 = { encoding: 'utf-8', bomLength: 0, delimiter: ',' };

/** `rows` lines of a header and users, with one Latin-1 "é" (0xE9) in the name on line `bad`. */
function fileWithBadByte(rows: number, bad: number): { blob: Blob; offset: number } {
	const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode('User ID,Name\n')];
	let offset = parts[0]?.length ?? 0;
	let badOffset = -1;
	for (let line = 2; line <= rows; line += 1) {
		if (line === bad) {
			const head = encoder.encode(`${line},Jos`);
			badOffset = offset + head.length;
			parts.push(head, new Uint8Array([0xe9]), encoder.encode(',\n'));
			offset += head.length + 3;
		} else {
			const text = encoder.encode(`${line},Person ${line}\n`);
			parts.push(text);
			offset += text.length;
		}
	}
	return { blob: new Blob(parts), offset: badOffset };
}

async function drain(blob: Blob, sliceBytes: number): Promise<number> {
	let records = 0;
	for await (const batch of readRecords(blob, { ...utf8, sliceBytes }))
		records += batch.records.length;
	return records;
}

describe('a byte that cannot be decoded', () => {
	it('is named by its own offset and row, not the start of the slice it is in', async () => {
		const { blob, offset } = fileWithBadByte(400, 321);
		for (const sliceBytes of [64, 1000, 4096, 1024 * 1024]) {
			const reading = drain(blob, sliceBytes);
			await expect(reading).rejects.toMatchObject({
				error: { code: 'NOT_UTF8', detail: { offset, row: 321 } }
			});
			await expect(drain(blob, sliceBytes)).rejects.toThrow(
				`on row 321, at byte ${offset.toLocaleString('en')}`
			);
		}
	});

	it('is found by the whole-file check without parsing, with the same offset and row', async () => {
		const { blob, offset } = fileWithBadByte(400, 399);
		await expect(assertDecodable(blob, { ...utf8, sliceBytes: 512 })).rejects.toMatchObject({
			error: { code: 'NOT_UTF8', detail: { offset, row: 399 } }
		});
		await expect(assertDecodable(fileWithBadByte(50, 0).blob, utf8)).resolves.toBeUndefined();
	});
});

describe('an import of a file that breaks off after its first megabyte', () => {
	let db: RosterDatabase;
	beforeEach(() => {
		db = testDatabase();
	});
	afterEach(() => db.delete());

	it('is refused before its first write, and the session stays in Configure', async () => {
		// About 1.3 MB: the bad byte is in the second slice the engine reads, after 5 chunks' rows.
		const { blob, offset } = fileWithBadByte(60_000, 55_000);
		const engine = testEngine(db);
		const file = new File([blob], 'broken.csv', { type: 'text/csv' });
		const view = await engine.open(file, { maxBytes: 5 * 1024 * 1024, defaults: DEFAULTS });
		const start = engine.start(view.session.id);
		await expect(start).rejects.toMatchObject({
			error: { code: 'NOT_UTF8', detail: { offset, row: 55_000 } }
		});
		expect(await db.users.count()).toBe(0);
		expect(await db.importResults.count()).toBe(0);
		expect((await db.importSessions.get(view.session.id))?.status).toBe('configuring');
	});
});

/**
 * A control character fails its row wherever it is in the file: the upload's look at the first
 * 64 KiB refuses a file with NUL bytes there as binary, and the field rules refuse every later one.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNIFF_BYTES } from '$lib/domain/file-sniff';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase, uid } from '$lib/db/testing/test-db';
import { configured, csvFile, testEngine } from './testing/engine-harness';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

/** Enough plain rows to pass the first 64 KiB, then one name holding `control`. */
function fileWithLateControl(control: string): { text: string; row: number } {
	const lines = ['User ID,Name,Department'];
	while (lines.join('\n').length < SNIFF_BYTES + 1000) {
		lines.push(`U${lines.length},Person ${lines.length},Sales`);
	}
	lines.push(`LATE,Ana${control}Nul,Sales`);
	return { text: `${lines.join('\n')}\n`, row: lines.length };
}

describe('a control character after the first 64 KiB', () => {
	it.each(['\u0000', '\u0007', '\u007f', '\u0085'])(
		'fails its row, naming the field, the row and what to do (%j)',
		async (control) => {
			const { text, row } = fileWithLateControl(control);
			expect(text.indexOf(control)).toBeGreaterThan(SNIFF_BYTES);
			const engine = testEngine(db);
			const id = await configured(engine, csvFile(text));
			const session = await engine.start(id);
			expect(session.status).toBe('done');
			expect(session.counters.failed).toBe(1);
			expect(session.counters.created).toBe(row - 2);
			expect(await db.users.get(uid('LATE'))).toBeUndefined();
			const stored = await db.users.toArray();
			// eslint-disable-next-line no-control-regex -- looking for control characters
			expect(stored.some((user) => /[\u0000-\u0008\u007f-\u009f]/.test(user.name))).toBe(false);

			const failed = await engine.exportResults(id, 'failed');
			const [, record] = Papa.parse<string[]>((await failed.blob.text()).slice(1), {
				skipEmptyLines: true
			}).data;
			expect(record?.slice(0, 2)).toEqual(['LATE', `Ana${control}Nul`]);
			expect(record?.[3]).toBe(String(row));
			expect(record?.[4]).toMatch(
				new RegExp(
					`^Name "Ana.Nul" holds an invisible control character \\(U\\+00[0-9A-F]{2}\\) at character 4 in row ${row}: delete it from the cell in your file`
				)
			);
		}
	);
});

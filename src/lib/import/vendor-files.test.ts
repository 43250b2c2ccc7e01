import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase } from '$lib/db/testing/test-db';
import { configured, csvFile, testEngine } from './testing/engine-harness';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

describe('files as other systems write them', () => {
	it('previews and imports a Name joined from its parts, in the succeeded file too', async () => {
		const engine = testEngine(db);
		const file = csvFile(
			'Employee ID,First Name [Required],Last Name [Required],Email Address [Required]\n' +
				'G1,Ana,Park,ana@example.org\nG2,Bo,Kim,bo@example.org\n'
		);
		const id = await configured(engine, file);
		const preview = await engine.preview(id, 5);
		const name = preview.fields.indexOf('name');
		expect(name).toBeGreaterThanOrEqual(0);
		expect(preview.rows.map((row) => row.values[name])).toEqual(['Ana Park', 'Bo Kim']);
		await engine.start(id);
		const { blob } = await engine.exportResults(id, 'succeeded');
		expect(await blob.text()).toContain(`"G1","Ana Park","ana@example.org"`);
	});

	it('warns in the dry run about User IDs that lost their leading zeros', async () => {
		const engine = testEngine(db);
		const ids = ['00120001', '00120002', '120003', '00120004', '00120005'];
		const file = csvFile(`User ID,Name\n${ids.map((id) => `${id},Person ${id}`).join('\n')}\n`);
		const id = await configured(engine, file);
		const dry = await engine.dryRun(id);
		expect(dry.leadingZeroWarning).toMatch(/^User ID: 1 of 5 values has fewer than the 8 digits/);
		expect(dry.counters.created).toBe(5);
	});
});

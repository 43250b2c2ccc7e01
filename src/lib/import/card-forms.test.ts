import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardNumber } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { LAST_IMPORT_OPTIONS_KEY } from '$lib/db/repositories/mapping-profiles';
import { testDatabase } from '$lib/db/testing/test-db';
import { DEFAULTS, configured, csvFile, testEngine } from './testing/engine-harness';

const DECIMAL_CARDS = 'User ID,Name,Card ID\nU1,Ana Park,4000037\nU2,Bo Lee,4000038\n';
const HEX_CARDS = 'User ID,Name,Card ID\nU1,Ana Park,D23F0824\nU2,Bo Lee,0xe8e25d94\n';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

describe('Card ID type of a new file', () => {
	it('starts from the Settings default, not from the last import; other options carry over', async () => {
		const engine = testEngine(db);
		const first = await configured(engine, csvFile(HEX_CARDS), {
			cardIdType: 'hexadecimal',
			overwrite: 'overwrite'
		});
		expect((await engine.start(first)).status).toBe('done');
		await engine.complete(first);

		const next = await engine.open(csvFile(DECIMAL_CARDS, 'next.csv'), {
			maxBytes: 1 << 20,
			defaults: DEFAULTS
		});
		expect(DEFAULTS.cardIdType).toBe('decimal');
		expect(next.session.settings).toMatchObject({ cardIdType: 'decimal', overwrite: 'overwrite' });
		expect((await db.settings.get(LAST_IMPORT_OPTIONS_KEY))?.value).not.toHaveProperty(
			'cardIdType'
		);
	});

	it('ignores a Card ID type remembered before this rule', async () => {
		await db.settings.put({
			key: LAST_IMPORT_OPTIONS_KEY,
			value: {
				overwrite: 'keep',
				cardIdType: 'hexadecimal',
				dateFormat: 'YYYY-MM-DD',
				headerRow: 1
			},
			updatedAt: 1
		});
		const view = await testEngine(db).open(csvFile(DECIMAL_CARDS), {
			maxBytes: 1 << 20,
			defaults: DEFAULTS
		});
		expect(view.session.settings.cardIdType).toBe('decimal');
	});
});

describe('the dry run', () => {
	it('warns when every card is decimal digits under Hexadecimal, naming both readings', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(DECIMAL_CARDS), { cardIdType: 'hexadecimal' });
		const dry = await engine.dryRun(id);
		expect(dry.counters.failed).toBe(0);
		expect(dry.cardTypeWarning).toBe(
			'Every card ID in this file is made of decimal digits, but Card ID type is Hexadecimal: 4000037 would be stored as 67108919. Choose Decimal if these are decimal numbers.'
		);
	});

	it('has no warning when the type fits the file', async () => {
		const engine = testEngine(db);
		const decimal = await configured(engine, csvFile(DECIMAL_CARDS));
		expect((await engine.dryRun(decimal)).cardTypeWarning).toBeNull();
		const hex = await configured(engine, csvFile(HEX_CARDS), { cardIdType: 'hexadecimal' });
		expect((await engine.dryRun(hex)).cardTypeWarning).toBeNull();
	});
});

describe('an imported card keeps the form it was written in', () => {
	it('in the card record, the succeeded file and the message of a card held by another user', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(HEX_CARDS), { cardIdType: 'hexadecimal' });
		await engine.start(id);
		expect(await db.cards.get('3527346212' as CardNumber)).toMatchObject({
			userId: 'U1',
			enteredAs: { type: 'hexadecimal', digits: 'D23F0824' }
		});
		const succeeded = await (await engine.exportResults(id, 'succeeded')).blob.text();
		const rows = Papa.parse<string[]>(succeeded, { skipEmptyLines: true }).data;
		// The last column is Cards; the Card ID is just before it.
		expect(rows.slice(1).map((row) => row.at(-2))).toEqual(['D23F0824', 'E8E25D94']);
		await engine.complete(id);

		// The same card for another user, written in hex again: the failure names it that way.
		const again = await configured(engine, csvFile('User ID,Name,Card ID\nU3,Chris,d23f0824\n'), {
			cardIdType: 'hexadecimal'
		});
		const dry = await engine.dryRun(again);
		expect(dry.firstFailures).toEqual([
			{ row: 2, error: 'Card ID "D23F0824" belongs to user U1 (Ana Park)' }
		]);
	});

	it('stores no form for a canonical decimal card', async () => {
		const engine = testEngine(db);
		await engine.start(await configured(engine, csvFile(DECIMAL_CARDS)));
		expect(await db.cards.get('4000037' as CardNumber)).not.toHaveProperty('enteredAs');
	});
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSettings } from '$lib/domain/import-settings';
import type { CardIdType, DateFormat, UserId } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { createUser } from '$lib/db/repositories/users';
import { testDatabase, userInput } from '$lib/db/testing/test-db';
import {
	FIXTURES,
	configured,
	csvFile,
	fixtureFile,
	snapshot,
	testEngine
} from './testing/engine-harness';

interface Expected {
	settings: {
		delimiter?: string;
		dateFormat?: DateFormat;
		encoding?: string;
		headerRow?: number;
		cardIdType?: 'Hexadecimal' | 'Decimal';
	};
	succeeded: number;
	failed: number;
	rows?: Record<string, string>;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
	string,
	Expected
>;

function settingsOf(
	e: Expected['settings']
): Partial<ImportSettings> & { encoding?: string; delimiter?: string } {
	const { cardIdType, ...rest } = e;
	const type: CardIdType | undefined =
		cardIdType === undefined ? undefined : cardIdType === 'Hexadecimal' ? 'hexadecimal' : 'decimal';
	return type ? { ...rest, cardIdType: type } : rest;
}

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

describe('every public fixture imports with its expected counts', () => {
	for (const [name, outcome] of Object.entries(expected)) {
		it(name, async () => {
			const engine = testEngine(db);
			const id = await configured(engine, fixtureFile(name), settingsOf(outcome.settings));
			const dry = await engine.dryRun(id);
			const session = await engine.start(id);
			expect(session.status).toBe('done');
			const { created, updated, kept, failed } = session.counters;
			expect({ succeeded: created + updated + kept, failed }).toEqual({
				succeeded: outcome.succeeded,
				failed: outcome.failed
			});
			expect(dry.counters).toEqual(session.counters);
			expect(await db.users.count()).toBe(outcome.succeeded);
		});
	}

	it('hex-cards.csv read as Decimal fails every row', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, fixtureFile('hex-cards.csv'));
		const session = await engine.start(id);
		expect(session.counters).toMatchObject({ created: 0, failed: 8 });
		expect(await db.users.count()).toBe(0);
	});
});

describe('messy.csv', () => {
	it('gives each row its outcome and a failed file that keeps the original cells', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, fixtureFile('messy.csv'));
		await engine.start(id);
		const { blob, fileName } = await engine.exportResults(id, 'failed');
		expect(fileName).toBe('messy-failed-2026-11-26.csv');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = await blob.text();
		const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
		expect(rows[0]?.slice(-2)).toEqual(['Row', 'Error']);
		const failedRows = rows.slice(1).map((row) => row.at(-2));
		const rules = expected['messy.csv']?.rows ?? {};
		const expectedFailed = Object.entries(rules)
			.filter(([, rule]) => rule.startsWith('fail'))
			.map(([row]) => row);
		expect(failedRows).toEqual(expectedFailed);
		expect(text).toContain('Email ""bob@"" is not a valid address');

		const succeeded = await (await engine.exportResults(id, 'succeeded')).blob.text();
		expect(succeeded).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
		const okRows = Papa.parse<string[]>(succeeded, { skipEmptyLines: true })
			.data.slice(1)
			.map((row) => row[0]);
		expect(okRows).toEqual(
			Object.entries(rules)
				.filter(([, rule]) => rule.startsWith('ok'))
				.map(([row]) => row)
		);
	});
});

describe('overlap with existing users', () => {
	const file = () =>
		csvFile('User ID,Name,Email,Department\n1,Ana New,ana@x.org,\n2,Bo,bo@x.org,Sales\n');

	beforeEach(async () => {
		await createUser(db, userInput('1', { name: 'Ana Old', department: 'Finance' }));
	});

	it('keeps existing users under Keep existing info', async () => {
		const engine = testEngine(db);
		const session = await engine.start(await configured(engine, file()));
		expect(session.counters).toMatchObject({ created: 1, kept: 1, updated: 0 });
		expect(await db.users.get('1' as UserId)).toMatchObject({ name: 'Ana Old' });
	});

	it('overwrites them under Overwrite with CSV, blank cells keeping the stored value', async () => {
		const engine = testEngine(db);
		const session = await engine.start(
			await configured(engine, file(), { overwrite: 'overwrite' })
		);
		expect(session.counters).toMatchObject({ created: 1, updated: 1 });
		expect(await db.users.get('1' as UserId)).toMatchObject({
			name: 'Ana New',
			email: 'ana@x.org',
			department: 'Finance'
		});
	});
});

/** 23 rows with a repeat far from its first use, so resuming must rebuild the duplicate check. */
function longFile(): File {
	const lines = ['User ID,Name,Email,Card ID'];
	for (let i = 1; i <= 23; i += 1) lines.push(`${i},Person ${i},p${i}@x.org,${1000 + i}`);
	lines.push('99,Late Repeat,p2@x.org,');
	lines.push(',Generated,gen@x.org,');
	return csvFile(lines.join('\n'));
}

describe('resume', () => {
	it('a run killed between chunks and resumed equals an uninterrupted run, record for record', async () => {
		const reference = testDatabase();
		const straight = testEngine(reference, { rowsPerChunk: 5 });
		await straight.start(await configured(straight, longFile()));

		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		// Stop the process after two chunks: the session stays `running`, like after a crash.
		let chunks = 0;
		const crashing = testEngine(db, { rowsPerChunk: 5 });
		await expect(
			crashing.start(id, () => {
				chunks += 1;
				if (chunks === 2) throw new Error('tab closed');
			})
		).resolves.toMatchObject({ status: 'interrupted' });
		const interrupted = await db.importSessions.get(id);
		expect(interrupted?.cursor.rows).toBeGreaterThan(0);
		expect(interrupted?.cursor.rows).toBeLessThan(25);

		const resumed = await engine.start(id);
		expect(resumed.status).toBe('done');
		expect(resumed.counters).toMatchObject({
			created: 24,
			updated: 0,
			kept: 0,
			failed: 1,
			skipped: 0,
			usersCreated: 24
		});
		expect(await snapshot(db)).toEqual(await snapshot(reference));
		await reference.delete();
	});
});

describe('undo', () => {
	it('restores the exact prior state, including updated users and their cards', async () => {
		await createUser(db, userInput('1', { name: 'Ana Old', email: 'ana@x.org' }));
		const before = await snapshot(db);
		const engine = testEngine(db, { rowsPerChunk: 2 });
		const id = await configured(
			engine,
			csvFile('User ID,Name,Card ID\n1,Ana New,501\n2,Bo,502\n3,Cy,503\n'),
			{ overwrite: 'overwrite' }
		);
		await engine.start(id);
		expect(await db.users.count()).toBe(3);
		const undone = await engine.undo(id);
		expect(undone).toMatchObject({ status: 'cancelled', undone: true });
		expect(await snapshot(db)).toEqual(before);
		expect(await db.importJournal.count()).toBe(0);
	});
});

describe('a full disk', () => {
	it('stops with STORAGE_FULL between whole chunks, even when the stop itself cannot be recorded, and resumes once there is room', async () => {
		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		let full = false;
		const refuse = () => {
			if (full) throw new DOMException('The disk is full', 'QuotaExceededError');
		};
		db.users.hook('creating', refuse);
		db.importSessions.hook('updating', refuse);

		const stopped = await engine.start(id, (progress) => {
			if (progress.rowsDone >= 5) full = true;
		});
		expect(stopped.status).toBe('interrupted');
		expect(stopped.error?.code).toBe('STORAGE_FULL');
		// Nothing could be written, not even the stop: the row still says running, at a chunk end.
		const row = await db.importSessions.get(id);
		expect(row?.status).toBe('running');
		expect(row?.cursor.rows).toBe(5);
		expect(await db.users.count()).toBe(5);

		full = false;
		const resumed = await engine.start(id);
		expect(resumed.status).toBe('done');
		expect(resumed.counters.created + resumed.counters.failed).toBe(25);
		expect(await db.users.count()).toBe(resumed.counters.created);
	});
});

describe('cancel', () => {
	it('stops after the chunk in flight and keeps what was imported', async () => {
		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		const session = await engine.start(id, () => {
			void engine.cancel(id);
		});
		expect(session.status).toBe('cancelled');
		expect(session.cursor.rows).toBe(5);
		expect(await db.users.count()).toBe(5);
	});
});

describe('dry run', () => {
	it('gives up with SUPERSEDED when a newer dry run starts, and the newer one counts', async () => {
		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		const older = expect(engine.dryRun(id)).rejects.toMatchObject({
			error: { code: 'SUPERSEDED' }
		});
		const newer = await engine.dryRun(id);
		await older;
		expect(newer.totalRows).toBe(25);
	});

	it('gives up when the import starts, which then runs alone', async () => {
		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		const counting = expect(engine.dryRun(id)).rejects.toMatchObject({
			error: { code: 'SUPERSEDED' }
		});
		const session = await engine.start(id);
		await counting;
		expect(session.status).toBe('done');
	});
});

describe('the guard', () => {
	it('is held while the run writes and released after', async () => {
		const engine = testEngine(db, { rowsPerChunk: 5 });
		const id = await configured(engine, longFile());
		let refused = '';
		await engine.start(id, () => {
			void createUser(db, userInput('x')).then((result) => {
				if (!result.ok) refused = result.errors[0]?.code ?? '';
			});
		});
		expect(refused).toBe('IMPORT_IN_PROGRESS');
		expect((await createUser(db, userInput('after'))).ok).toBe(true);
	});

	it('refuses a second run while one holds the guard, naming the running file', async () => {
		const engine = testEngine(db);
		const first = await configured(engine, csvFile('Name\nAna\n', 'first.csv'));
		await db.importSessions.update(first, { status: 'running' });
		await expect(
			engine.open(csvFile('Name\nBo\n', 'second.csv'), {
				maxBytes: 1e6,
				defaults: (await engine.describe(first)).session.settings
			})
		).rejects.toMatchObject({ error: { code: 'SESSION_STATE' } });
	});
});

describe('opening a file', () => {
	it('refuses an empty file with a clear message', async () => {
		const engine = testEngine(db);
		await expect(configured(engine, csvFile('', 'empty.csv'))).rejects.toMatchObject({
			error: { code: 'FILE_EMPTY' }
		});
		expect(await db.importSessions.count()).toBe(0);
	});

	it('reads the header row chosen and restores the mapping saved for the same header', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, fixtureFile('header-row-3.csv'), { headerRow: 3 });
		const view = await engine.describe(id);
		expect(view.headerNames).toEqual(['ID', 'Name', 'Email', 'Card']);
		expect(view.session.mapping).toMatchObject({ userId: 0, name: 1, email: 2, cardId: 3 });
		const custom = { ...view.session.mapping, email: null };
		await engine.configure(id, { mapping: custom });
		await engine.start(id);
		await engine.complete(id);

		const again = await configured(engine, fixtureFile('header-row-3.csv'), { headerRow: 3 });
		const restored = await engine.describe(again);
		expect(restored.session.mapping.email).toBeNull();
		expect(await db.importResults.count()).toBe(0);
	});

	it('previews the first rows exactly as they would be stored', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, fixtureFile('messy.csv'));
		const preview = await engine.preview(id, 4);
		expect(preview.rows.map((row) => [row.row, row.outcome])).toEqual([
			[2, 'created'],
			[3, 'failed'],
			[4, 'failed'],
			[5, 'failed']
		]);
		expect(preview.rows[1]?.errors).toEqual(['Email "bob@" is not a valid address']);
		expect(await db.users.count()).toBe(0);
	});

	it('warns on invisible bidi and zero-width characters in the preview, keeping the value', async () => {
		const engine = testEngine(db);
		const file = csvFile(
			'User ID,Name,Email\nU1,Evil\u202egnp.exe,a@example.com\nU2,Bo,bo\u200b@example.com\nU3,Cy,cy@\n',
			'bidi.csv'
		);
		const id = await configured(engine, file);
		const preview = await engine.preview(id, 3);
		expect(preview.rows.map((row) => row.outcome)).toEqual(['created', 'created', 'failed']);
		expect(preview.rows[0]?.values).toContain('Evil\u202egnp.exe');
		expect(preview.rows[0]?.warnings).toEqual([
			'Name "Evil⟨U+202E⟩gnp.exe" holds an invisible right-to-left override (U+202E) at character 5: it can make the text read differently from what is stored'
		]);
		expect(preview.rows[1]?.warnings).toHaveLength(1);
		expect(preview.rows[1]?.warnings[0]).toMatch(/^Email .* zero-width space \(U\+200B\)/);
		expect(preview.rows[2]?.warnings).toEqual([]);
	});
});

describe('Wiegand cards', () => {
	it('are one credential per format and parts: in the file and against stored cards', async () => {
		const engine = testEngine(db);
		const first = await configured(
			engine,
			csvFile('User ID,Name,FC,CN\nA,Ana,17,1037\nB,Bo,17,1037\nC,Chris,300,1\n'),
			{ cardFormat: 'h10301' }
		);
		const done = await engine.start(first);
		expect(done.counters).toMatchObject({ created: 1, failed: 2 });
		const failed = await (await engine.exportResults(first, 'failed')).blob.text();
		expect(failed).toContain('Card ID ""FC 17 · 1037"" repeats row 2');
		expect(failed).toContain('Facility code 300 is out of range — H10301 (26-bit) takes 0–255');
		const [stored] = await db.cards.toArray();
		expect(stored?.wiegand).toMatchObject({ format: 'h10301', facilityCode: 17, cardNumber: 1037 });
		expect(stored?.wiegand?.bits).toHaveLength(26);
		await engine.complete(first);

		// The same parts: taken when H10301 (by A), free as H10304; the file's own format cell decides.
		const second = await configured(
			engine,
			csvFile('User ID,Name,Card format,FC,CN\nD,Dana,H10301,17,1037\nE,Eli,H10304,17,1037\n'),
			{ cardFormat: 'csn' }
		);
		const next = await engine.start(second);
		expect(next.counters).toMatchObject({ created: 1, failed: 1 });
		const refused = await (await engine.exportResults(second, 'failed')).blob.text();
		expect(refused).toContain('Card ID ""FC 17 · 1037"" belongs to');
		expect((await db.cards.toArray()).map((card) => [card.userId, card.wiegand?.format])).toEqual([
			['A', 'h10301'],
			['E', 'h10304']
		]);
	});
});

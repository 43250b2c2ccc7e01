import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionId } from '$lib/domain/model';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import { APP_SETTINGS_KEY } from './app-settings';
import { BACKUP_TABLES, REPLICA_TABLES } from '$lib/domain/backup-checks';
import { backUp, inspectBackup, restoreBackup } from './backup';
import type { RosterDatabase } from './database';
import { LAST_IMPORT_OPTIONS_KEY } from '$lib/domain/settings-keys';
import { sessionRow, storedCard, storedUser, testDatabase, uid } from './testing/test-db';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const card = storedCard;

/** Users, cards, an image, settings, an open session with its file, a finished one with results. */
async function seed(): Promise<void> {
	await db.users.bulkAdd([
		storedUser('U1', {
			name: 'Ana Park',
			email: 'ana@x.org',
			phone: '+1 555 0100',
			phoneDigits: '15550100',
			hasImage: true
		}),
		storedUser('U2', { name: 'Bo', userType: 'Visitor', title: 'Guest, "VIP"' }),
		storedUser('U3', { name: 'Chris Lee', userType: 'Member', lastImportId: 'done-1' as never })
	]);
	await db.cards.bulkAdd([
		card('4660', 'U1', { status: 'issued', issuedAt: 5 }),
		card('72057594037927935', 'U2')
	]);
	await db.images.add({
		userId: uid('U1'),
		image: new Blob([new Uint8Array([0, 1, 2, 255, 254])], { type: 'image/webp' }),
		thumbnail: new Blob(['thumb'], { type: 'image/webp' }),
		width: 640,
		height: 480,
		updatedAt: 7
	});
	await db.settings.add({
		key: APP_SETTINGS_KEY,
		value: { ...DEFAULT_APP_SETTINGS, maxCsvMb: 20 },
		updatedAt: 3
	});
	// As an import leaves them: the mapping of its header and its options, Card ID type not kept.
	const options = { overwrite: 'keep', dateFormat: 'YYYY-MM-DD', headerRow: 1 };
	await db.settings.bulkAdd([
		{
			key: 'mapping:name|email',
			value: {
				mapping: sessionRow('profile').mapping,
				settings: options,
				delimiter: ',',
				encoding: 'utf-8'
			},
			updatedAt: 4
		},
		{ key: LAST_IMPORT_OPTIONS_KEY, value: options, updatedAt: 4 }
	]);
	await db.importSessions.bulkAdd([
		sessionRow('open-1'),
		sessionRow('done-1', { status: 'done', step: 'results', totalRows: 1, finishedAt: 9 })
	]);
	await db.importFiles.bulkAdd([
		{
			sessionId: 'open-1' as never,
			file: new File(['Name\nAna\n'], 'users.csv', { type: 'text/csv', lastModified: 11 })
		},
		{ sessionId: 'done-1' as never, file: new File(['Name\nChris Lee\n'], 'done.csv') }
	]);
	await db.importResults.add({
		sessionId: 'done-1' as never,
		chunk: 0,
		succeeded: [{ row: 2, result: 'created', values: ['Chris Lee'] }],
		failed: [
			{
				row: 3,
				cells: ['=1+1'],
				error: 'Name is missing',
				problems: [{ field: 'name', message: 'Name is missing' }]
			}
		]
	});
	await db.importJournal.add({
		sessionId: 'done-1' as never,
		chunk: 0,
		users: [{ id: uid('U3'), before: null }],
		cards: []
	});
}

/** Every table, with Blobs read into text so they compare by content, type and name. */
async function snapshot(): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of db.tables) {
		const rows = await table.toArray();
		out[table.name] = await Promise.all(
			rows.map(async (row: Record<string, unknown>) => {
				const copy: Record<string, unknown> = {};
				for (const [key, value] of Object.entries(row)) {
					copy[key] =
						value instanceof Blob
							? {
									blob: [...new Uint8Array(await value.arrayBuffer())],
									type: value.type,
									name: value instanceof File ? value.name : null,
									lastModified: value instanceof File ? value.lastModified : null
								}
							: value;
				}
				return copy;
			})
		);
	}
	return out;
}

async function backupText(): Promise<string> {
	const result = await backUp(db, 100);
	if (!result.ok) throw new Error(result.errors[0]?.message);
	return result.value.text();
}

interface Line {
	blob?: number;
	table?: string;
	record?: Record<string, unknown>;
	end?: true;
	counts?: Record<string, number>;
}

/** Edits a backup's records, keeping its end line's counts true, as a careful forger would. */
function edited(text: string, edit: (lines: Line[]) => Line[]): Blob {
	const lines = text
		.trimEnd()
		.split('\n')
		.map((l) => JSON.parse(l) as Line);
	const end = lines.pop();
	const body = edit(lines);
	const counts: Record<string, number> = {};
	for (const line of body) if (line.table) counts[line.table] = (counts[line.table] ?? 0) + 1;
	return new Blob([[...body, { ...end, counts }].map((l) => JSON.stringify(l) + '\n').join('')]);
}

const recordOf = (lines: Line[], table: string, index = 0): Record<string, unknown> => {
	const found = lines.filter((l) => l.table === table)[index]?.record;
	if (!found) throw new Error(`no ${table} record ${index}`);
	return found;
};

async function refusal(file: Blob): Promise<string> {
	const result = await restoreBackup(db, file);
	expect(result.ok).toBe(false);
	return result.ok ? '' : (result.errors[0]?.message ?? '');
}

describe('backUp and restoreBackup', () => {
	it('backs up every table of the database but the replica’s own bookkeeping', () => {
		expect(db.tables.map((t) => t.name).sort()).toEqual(
			[...BACKUP_TABLES, ...REPLICA_TABLES].sort()
		);
	});

	it('brings back the same data: users, cards, images, settings, sessions, their files and results', async () => {
		await seed();
		const before = await snapshot();
		const file = new Blob([await backupText()]);
		await Promise.all(db.tables.map((t) => t.clear()));
		await db.users.add(storedUser('X9'));

		const restored = await restoreBackup(db, file);
		expect(restored).toMatchObject({
			ok: true,
			value: { rows: { users: 3, cards: 2, images: 1, importSessions: 2, importFiles: 2 } }
		});
		expect(await snapshot()).toEqual(before);
	});

	it('writes a large file in parts and brings it back byte for byte', async () => {
		await db.importSessions.add(sessionRow('big'));
		const bytes = new Uint8Array(2_000_003).map((_, i) => (i * 7) % 256);
		await db.importFiles.add({ sessionId: 'big' as never, file: new File([bytes], 'big.csv') });
		const text = await backupText();
		expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(1_100_000);
		await restoreBackup(db, new Blob([text]));
		const back = new Uint8Array(
			(await (await db.importFiles.get('big' as SessionId))?.file.arrayBuffer()) ?? []
		);
		// Compared byte by byte: a deep equality of two million elements takes the test's time.
		expect(back.length).toBe(bytes.length);
		expect(back.every((byte, i) => byte === bytes[i])).toBe(true);
	});

	it('restores a running import as interrupted: nothing holds its lock after a restore', async () => {
		await db.importSessions.add(sessionRow('r1', { status: 'running', step: 'import' }));
		await db.importFiles.add({ sessionId: 'r1' as SessionId, file: new Blob(['Name\nAna\n']) });
		const file = new Blob([await backupText()]);
		await db.importSessions.clear();
		expect((await restoreBackup(db, file)).ok).toBe(true);
		expect((await db.importSessions.get('r1' as SessionId))?.status).toBe('interrupted');
	});

	it('refuses while an import runs', async () => {
		await seed();
		const file = new Blob([await backupText()]);
		await db.importSessions.add(sessionRow('r1', { status: 'running' }));
		expect(await refusal(file)).toContain('Import in progress');
	});

	it('puts the data back when writing the backup fails part-way', async () => {
		await seed();
		const file = new Blob([await backupText()]);
		await db.users.add(storedUser('NEW'));
		const before = await snapshot();
		const bulkPut = vi
			.spyOn(db.table('cards'), 'bulkPut')
			.mockRejectedValueOnce(new Error('disk on fire'));
		expect(await refusal(file)).toMatch(/disk on fire.*Your data is as it was before/);
		bulkPut.mockRestore();
		expect(await snapshot()).toEqual(before);
	});
});

describe('a backup that is not whole', () => {
	it('refuses the first half of a valid backup and changes nothing', async () => {
		await seed();
		const text = await backupText();
		const before = await snapshot();
		const half = new Blob([text]).slice(0, Math.floor(text.length / 2));
		expect((await inspectBackup(db, half)).ok).toBe(false);
		expect(await refusal(half)).toMatch(
			/^This backup file is incomplete: .*Nothing in Roster was changed/
		);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a backup cut at the end of a line, without its end', async () => {
		await seed();
		const lines = (await backupText()).split('\n');
		const cut = new Blob([lines.slice(0, 4).join('\n') + '\n']);
		expect(await refusal(cut)).toContain('This backup file is incomplete: it ends at line 4');
	});

	it('refuses a backup whose end does not match its records', async () => {
		await seed();
		const lines = (await backupText()).trimEnd().split('\n');
		const withoutUser = lines.filter((l) => !l.includes('"U3"') || !l.includes('"users"'));
		expect(await refusal(new Blob([withoutUser.join('\n') + '\n']))).toContain(
			'it says it holds 3 users records but has 2'
		);
	});

	it('refuses a damaged file part', async () => {
		await seed();
		const text = (await backupText()).replace(/"data":"([A-Za-z0-9+/]{4})/, '"data":"!!!!');
		expect(await refusal(new Blob([text]))).toContain('This backup file is damaged');
	});

	it('refuses a file that is not a backup, and one from a newer Roster', async () => {
		expect(await refusal(new Blob(['{"hello":"world"}\n']))).toContain(
			'This file is not a Roster backup'
		);
		expect(await refusal(new Blob(['']))).toContain('This file is not a Roster backup');
		expect(
			await refusal(new Blob(['{"formatName":"dexie","formatVersion":1,"data":{}}']))
		).toContain('saved by an earlier build of Roster');
		await seed();
		const newer = (await backupText()).replace('"databaseVersion":', '"databaseVersion":9');
		expect(await refusal(new Blob([newer]))).toContain('made by a newer version of Roster');
	});
});

describe('a backup whose records break the rules', () => {
	it.each<[string, (lines: Line[]) => Line[], RegExp]>([
		[
			'a repeated User ID',
			(lines) => [
				...lines.slice(0, lines.findIndex((l) => l.table === 'users') + 1),
				{
					table: 'users',
					record: {
						...recordOf(lines, 'users'),
						email: undefined,
						phone: undefined,
						phoneDigits: undefined
					}
				},
				...lines.slice(lines.findIndex((l) => l.table === 'users') + 1)
			],
			/users, record 2 \(User ID "U1"\): User ID "U1" is also in an earlier users record/
		],
		[
			'an email held by two users',
			(lines) => ((recordOf(lines, 'users', 1).email = 'ana@x.org'), lines),
			/users, record 2 \(User ID "U2"\): Email "ana@x.org" also belongs to user U1/
		],
		[
			'a phone held by two users (by its digits)',
			(lines) => (
				Object.assign(recordOf(lines, 'users', 2), {
					phone: '1-555-0100',
					phoneDigits: '15550100'
				}),
				lines
			),
			/users, record 3 \(User ID "U3"\): Phone "1-555-0100" also belongs to user U1/
		],
		[
			'a card of a user that does not exist',
			(lines) => ((recordOf(lines, 'cards', 1).userId = 'NOBODY'), lines),
			/cards, record 2 \(Card ID "72057594037927935"\): its user "NOBODY" is not in the backup/
		],
		[
			'a card number abc',
			(lines) => ((recordOf(lines, 'cards').number = 'abc'), lines),
			/cards, record 1 \(Card ID "abc"\): Card ID "abc" is not a decimal number/
		],
		[
			'a status weird',
			(lines) => ((recordOf(lines, 'cards').status = 'weird'), lines),
			/cards, record 1 \(Card ID "4660"\): Status "weird" is not one of/
		],
		[
			'an end before the start',
			(lines) => ((recordOf(lines, 'cards').validTo = '2025-01-01'), lines),
			/cards, record 1 .*Card end date 2025-01-01 is before Card start date 2026-01-01/
		],
		[
			'a 10 000-character name',
			(lines) => ((recordOf(lines, 'users').name = 'n'.repeat(10_000)), lines),
			/users, record 1 \(User ID "U1"\): Name "n+…" is longer than 100 characters/
		],
		[
			'a session in an unknown status',
			(lines) => ((recordOf(lines, 'importSessions').status = 'stuck'), lines),
			/importSessions, record 1 \(import "done-1"\): Status "stuck" is not one of/
		],
		[
			'a session with broken settings',
			(lines) => (
				((recordOf(lines, 'importSessions').settings as Record<string, unknown>).headerRow = 0),
				lines
			),
			/importSessions, record 1 .*Header row "0"/
		],
		[
			'a workbook session whose chosen sheet is not in the workbook',
			(lines) => (
				(recordOf(lines, 'importSessions').workbook = {
					sheets: [{ name: 'People', rows: 3 }],
					sheet: 'Gone'
				}),
				lines
			),
			/importSessions, record 1 .*its chosen sheet is not one of the workbook’s sheets/
		],
		[
			'an image of a user that does not exist',
			(lines) => ((recordOf(lines, 'images').userId = 'NOBODY'), lines),
			/images, record 1 \(image of user "NOBODY"\): its user "NOBODY" is not in the backup/
		],
		[
			'a file of a session that does not exist',
			(lines) => ((recordOf(lines, 'importFiles').sessionId = 'gone'), lines),
			/importFiles, record 1 .*its import session "gone" is not in the backup/
		],
		[
			'a journal whose earlier copy of a user breaks a rule',
			(lines) => (
				(recordOf(lines, 'importJournal').users as unknown[]).push({
					id: 'U2',
					before: { id: 'U2', name: '', userType: 'Employee', createdAt: 1, updatedAt: 1 }
				}),
				lines
			),
			/importJournal, record 1 .*earlier copy of user "U2": Name is missing/
		],
		[
			'a journal entry whose fingerprint is not a number',
			(lines) => (
				(recordOf(lines, 'importJournal').users as unknown[]).push({
					id: 'U2',
					before: null,
					written: 'forged'
				}),
				lines
			),
			/importJournal, record 1 .*its user \d+ has a damaged fingerprint/
		],
		[
			'an undo report that is not a list of users',
			(lines) => (
				(recordOf(lines, 'importSessions').undoSkipped = { total: 1, listed: ['<b>'] }),
				lines
			),
			/importSessions, record 1 .*its undo report is not a list of users with reasons/
		],
		[
			'defaults that are not valid',
			(lines) => (
				((recordOf(lines, 'settings').value as Record<string, unknown>).maxCsvMb = -1),
				lines
			),
			/settings, record 1 \(setting "app-settings"\): Maximum CSV size/
		],
		[
			'a session without its file',
			(lines) => {
				const file = lines.find(
					(l) => l.table === 'importFiles' && l.record?.sessionId === 'open-1'
				);
				const blob = (file?.record?.file as { $blob: number } | undefined)?.$blob;
				return lines.filter((l) => l !== file && (l.blob === undefined || l.blob !== blob));
			},
			/importSessions, record 2 \(import "open-1"\): its file is not in the backup/
		],
		[
			'records out of order (settings last)',
			(lines) => [
				...lines.filter((l) => l.table !== 'settings'),
				...lines.filter((l) => l.table === 'settings')
			],
			/settings, record 1 .*: it comes after the importJournal records/
		]
	])(
		'refuses %s, naming the table, the record and the rule, and changes nothing',
		async (_what, edit, message) => {
			await seed();
			const file = edited(await backupText(), edit);
			const before = await snapshot();
			const refused = await refusal(file);
			expect(refused).toMatch(/^This backup cannot be restored: /);
			expect(refused).toMatch(message);
			expect(refused).toContain('Nothing in Roster was changed');
			expect(await snapshot()).toEqual(before);
		}
	);
});

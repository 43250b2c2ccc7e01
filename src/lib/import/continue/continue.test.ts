import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appError } from '$lib/domain/errors';
import type { CardNumber, UserId } from '$lib/domain/model';
import { fail, ok } from '$lib/domain/result';
import type { RosterDatabase } from '$lib/db/database';
import { createUser } from '$lib/db/repositories/users';
import { sessionRow, testDatabase, userInput } from '$lib/db/testing/test-db';
import { configured, csvFile, testEngine } from '../testing/engine-harness';
import type { Resize } from './attach-images';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const FILE = 'User ID,Name,Card ID\n1,Ana,501\n2,Bo,502\n3,Cy,\n';

describe('issue cards', () => {
	it('issues the registered cards of the import and lists users without one', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(FILE));
		await engine.start(id);
		const summary = await engine.issueCards(id);
		expect(summary).toEqual({
			issued: 2,
			alreadyIssued: 0,
			revoked: 0,
			withoutCardTotal: 1,
			withoutCard: [{ id: '3', name: 'Cy' }]
		});
		expect((await db.cards.get('501' as CardNumber))?.status).toBe('issued');
		expect((await engine.issueCards(id)).alreadyIssued).toBe(2);
		expect((await db.importSessions.get(id))?.status).toBe('done');
	});

	it('is refused while another import holds the guard', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(FILE));
		await engine.start(id);
		await db.importSessions.add(sessionRow('other', { status: 'running', fileName: 'big.csv' }));
		await expect(engine.issueCards(id)).rejects.toMatchObject({
			error: { code: 'IMPORT_IN_PROGRESS' }
		});
	});

	it('holds the guard while it issues', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile(FILE));
		await engine.start(id);
		const issuing = engine.issueCards(id);
		const refused = await createUser(db, userInput('late'));
		await issuing;
		expect(!refused.ok && refused.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
	});
});

describe('attach images', () => {
	const image = (name: string, type = 'image/jpeg') => new File(['pixels'], name, { type });
	const resize: Resize = async (file, name) =>
		(await file.text()) === 'corrupt'
			? fail(appError('INVALID_INPUT', `${name} is not an image Roster can read`))
			: ok({ image: file, thumbnail: file, width: 1, height: 1 });

	it('matches, replaces, lists unmatched files and rejects bad ones without stopping', async () => {
		await createUser(db, userInput('2', { name: 'Bo' }));
		const engine = testEngine(db, { resize });
		const id = await configured(engine, csvFile(FILE));
		await engine.start(id);
		await engine.attachImages(id, [image('2.png', 'image/png')], 1024);
		const progress: number[] = [];
		const report = await engine.attachImages(
			id,
			[
				image('1.JPG'),
				image('2.jpg'),
				image('99.jpg'),
				image('3.gif', 'image/gif'),
				new File(['corrupt'], '3.jpg', { type: 'image/jpeg' })
			],
			1024,
			(done) => progress.push(done)
		);
		expect(report).toEqual({
			matched: 2,
			replaced: 1,
			unmatched: ['99.jpg'],
			rejected: [
				{ name: '3.gif', reason: '3.gif is not a JPEG, PNG or WebP image' },
				{ name: '3.jpg', reason: '3.jpg is not an image Roster can read' }
			]
		});
		expect(progress).toEqual([1, 2, 3, 4, 5]);
		expect((await db.users.get('1' as UserId))?.hasImage).toBe(true);
		expect(await db.images.count()).toBe(2);
	});
});

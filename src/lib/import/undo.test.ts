/**
 * Undo leaves alone what changed since the import: users edited by hand or by a later import,
 * users deleted since, cards revoked since. It lists them in the session for the results screen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardNumber, User } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { registerCard } from '$lib/db/repositories/cards';
import { setUserImage } from '$lib/db/repositories/images';
import { createUser, deleteUser, updateUser } from '$lib/db/repositories/users';
import { day, testDatabase, uid, userInput } from '$lib/db/testing/test-db';
import { configured, csvFile, snapshot, testEngine } from './testing/engine-harness';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

async function stored(id: string): Promise<User> {
	const user = await db.users.get(uid(id));
	if (!user) throw new Error(`no user ${id}`);
	return user;
}

describe('undo after later changes', () => {
	it('skips and lists the records changed since the import, and undoes the rest', async () => {
		await createUser(db, userInput('1', { name: 'Ana Old' }), 1);
		await createUser(db, userInput('2', { name: 'Bo Old' }), 1);
		await createUser(db, userInput('6', { name: 'Fay Old' }), 1);
		const engine = testEngine(db, { rowsPerChunk: 2 });
		const id = await configured(
			engine,
			csvFile(
				'User ID,Name,Card ID\n1,Ana New,501\n2,Bo New,502\n3,Cy,503\n4,Di,504\n5,Ed,505\n6,Fay New,\n'
			),
			{ overwrite: 'overwrite' }
		);
		await engine.start(id);

		// By hand, after the import: an updated user and a created one edited, a card revoked,
		// an updated user deleted.
		await updateUser(db, await stored('1'), { name: 'Ana Edited', userType: 'Employee' }, 50);
		await updateUser(db, await stored('3'), { name: 'Cy Edited', userType: 'Visitor' }, 50);
		await db.cards.update('502' as CardNumber, { status: 'revoked', updatedAt: 50 });
		await deleteUser(db, uid('6'));
		const undone = await engine.undo(id);

		expect(undone).toMatchObject({ status: 'cancelled', undone: true });
		expect(undone.undoSkipped?.total).toBe(4);
		expect(undone.undoSkipped?.listed).toEqual(
			expect.arrayContaining([
				{ userId: '1', name: 'Ana Edited', reason: 'changed since the import' },
				{ userId: '3', name: 'Cy Edited', reason: 'changed since the import' },
				{ userId: '2', name: 'Bo Old', reason: 'card 502 changed since the import' },
				{ userId: '6', name: 'Fay Old', reason: 'deleted since the import' }
			])
		);
		const after = await snapshot(db);
		expect(after.users.map((u) => [u.id, u.name])).toEqual([
			['1', 'Ana Edited'],
			['2', 'Bo Old'],
			['3', 'Cy Edited']
		]);
		// The edited users keep their cards; the revoked card stays revoked on Bo.
		expect(after.cards.map((c) => [c.number, c.userId, c.status])).toEqual([
			['501', '1', 'registered'],
			['502', '2', 'revoked'],
			['503', '3', 'registered']
		]);
		expect(await db.importJournal.count()).toBe(0);
	});

	it('undoes a user whose image was attached since, image and all (Continue Task is part of the import)', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile('User ID,Name\n1,Ana\n2,Bo\n'));
		await engine.start(id);
		const image = new Blob(['image'], { type: 'image/webp' });
		await setUserImage(db, uid('1'), { image, thumbnail: image, width: 1, height: 1 }, 99);
		const undone = await engine.undo(id);
		expect(undone.undoSkipped).toBeUndefined();
		expect(await db.users.count()).toBe(0);
		expect(await db.images.count()).toBe(0);
	});

	it('leaves a user it created who got a card by hand since, with both cards', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile('User ID,Name,Card ID\n1,Ana,501\n2,Bo,502\n'));
		await engine.start(id);
		await registerCard(db, {
			number: '777' as CardNumber,
			userId: uid('1'),
			validFrom: day('2026-01-01'),
			validTo: day('2026-12-31')
		});
		const undone = await engine.undo(id);
		expect(undone.undoSkipped?.listed).toEqual([
			{ userId: '1', name: 'Ana', reason: 'card 777 registered since the import' }
		]);
		const after = await snapshot(db);
		expect(after.users.map((u) => u.id)).toEqual(['1']);
		expect(after.cards.map((c) => c.number)).toEqual(['501', '777']);
	});

	it('skips nothing when nothing changed since the import', async () => {
		const engine = testEngine(db);
		const id = await configured(engine, csvFile('User ID,Name,Card ID\n1,Ana,501\n'));
		await engine.start(id);
		const undone = await engine.undo(id);
		expect(undone.undoSkipped).toBeUndefined();
		expect(await snapshot(db)).toEqual({ users: [], cards: [] });
	});
});

describe('undo deletes what the import created, not its neighbours', () => {
	it.each([
		['one', ['2']],
		['many', ['2', ...Array.from({ length: 30 }, (_, i) => String(20 + i))]]
	])('keeps %s users whose IDs sit between the created ones', async (_, between) => {
		for (const id of between) await createUser(db, userInput(id, { name: `Kept ${id}` }), 1);
		await registerCard(db, {
			number: '350' as CardNumber,
			userId: uid('2'),
			validFrom: day('2026-01-01'),
			validTo: day('2026-12-31')
		});
		const engine = testEngine(db);
		const id = await configured(
			engine,
			csvFile('User ID,Name,Card ID\n1,Ana,301\n3,Cy,303\n4,Di,304\n5,Ed,400\n')
		);
		await engine.start(id);
		await engine.undo(id);
		const after = await snapshot(db);
		expect(after.users.map((u) => u.id)).toEqual([...between].sort());
		expect(after.cards.map((c) => c.number)).toEqual(['350']);
	});
});

describe('undo tally', () => {
	it('counts what the replay removed and restored, chunk by chunk', async () => {
		await createUser(db, userInput('1', { name: 'Ana Old' }), 1);
		const engine = testEngine(db, { rowsPerChunk: 2 });
		const id = await configured(
			engine,
			csvFile('User ID,Name,Card ID\n1,Ana New,501\n2,Bo,502\n3,Cy,503\n4,Di,\n'),
			{ overwrite: 'overwrite' }
		);
		await engine.start(id);
		const undone = await engine.undo(id);
		expect(undone.undoTally).toEqual({
			chunks: 2,
			usersRemoved: 3,
			usersRestored: 1,
			cardsRemoved: 3,
			cardsRestored: 0
		});
		expect((await snapshot(db)).cards).toEqual([]);
	});
});

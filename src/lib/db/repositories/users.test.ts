import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId, User } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import {
	sessionRow,
	storedUser,
	testDatabase,
	uid,
	userInput,
	cardNo,
	day
} from '../testing/test-db';
import { createUser, deleteUser, highestNumberedUserId, updateUser } from './users';
import { registerCard } from './cards';

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

describe('createUser', () => {
	it('stores a new user with timestamps and no blank optional fields', async () => {
		const result = await createUser(db, userInput('1001', { email: 'a@b.org', department: '' }), 5);
		expect(result).toEqual({
			ok: true,
			value: {
				id: '1001',
				name: 'Person 1001',
				userType: 'Employee',
				email: 'a@b.org',
				createdAt: 5,
				updatedAt: 5
			}
		});
		expect(await db.users.get(uid('1001'))).toMatchObject({ email: 'a@b.org' });
		expect(await db.users.get(uid('1001'))).not.toHaveProperty('department');
	});

	it('refuses a User ID that is taken and names the holder', async () => {
		await createUser(db, userInput('1001', { name: 'Ana Park' }));
		const result = await createUser(db, userInput('1001', { name: 'Bo Lee' }));
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					code: 'DUPLICATE_USER_ID',
					message: 'User ID "1001" is already used by user 1001 (Ana Park).',
					detail: { userId: '1001' }
				}
			]
		});
		expect((await db.users.get(uid('1001')))?.name).toBe('Ana Park');
	});

	it('refuses an email another user has (stored lower-cased) and names that user', async () => {
		await createUser(db, userInput('1', { name: 'Ana', email: 'ana@x.org' }));
		const result = await createUser(db, userInput('2', { email: 'ana@x.org' }));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[0]?.code).toBe('DUPLICATE_EMAIL');
			expect(result.errors[0]?.message).toContain('user 1 (Ana)');
		}
		expect(await db.users.count()).toBe(1);
	});

	it('refuses a phone whose digits another user has', async () => {
		await createUser(db, userInput('1', { phone: '+1 (555) 000-1', phoneDigits: '15550001' }));
		const result = await createUser(
			db,
			userInput('2', { phone: '1-555-0001', phoneDigits: '15550001' })
		);
		expect(!result.ok && result.errors[0]?.code).toBe('DUPLICATE_PHONE');
	});

	it('reports every uniqueness conflict at once, each naming the other user', async () => {
		await createUser(db, userInput('1', { name: 'Ana', email: 'ana@x.org' }));
		await createUser(db, userInput('2', { name: 'Bo', phone: '555 0001', phoneDigits: '5550001' }));
		const result = await createUser(
			db,
			userInput('1', { email: 'ana@x.org', phone: '555-0001', phoneDigits: '5550001' })
		);
		expect(!result.ok && result.errors).toEqual([
			expect.objectContaining({ code: 'DUPLICATE_USER_ID', detail: { userId: '1' } }),
			expect.objectContaining({ code: 'DUPLICATE_EMAIL', detail: { userId: '1' } }),
			expect.objectContaining({
				code: 'DUPLICATE_PHONE',
				message: 'Phone "555 0001" already belongs to user 2 (Bo).',
				detail: { userId: '2' }
			})
		]);
		expect(await db.users.count()).toBe(2);
	});

	it('takes the next free numbered ID in the transaction when a generated one was taken meanwhile', async () => {
		await createUser(db, userInput('U000007'));
		// Two tabs both proposed U000008; the first saved it.
		await createUser(db, userInput('U000008'), 1, { generatedId: true });
		const second = await createUser(db, userInput('U000008'), 2, { generatedId: true });
		expect(second.ok && second.value.id).toBe('U000009');
		// A typed ID is never replaced: it is refused.
		const typed = await createUser(db, userInput('U000008'), 3);
		expect(!typed.ok && typed.errors[0]?.code).toBe('DUPLICATE_USER_ID');
	});

	it('refuses every write while an import is running, even when the UI is bypassed', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'running', fileName: 'big.csv' }));
		const result = await createUser(db, userInput('1'));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
			expect(result.errors[0]?.message).toContain('big.csv');
		}
		expect(await db.users.count()).toBe(0);
	});

	it('writes again once the import is no longer running', async () => {
		await db.importSessions.add(sessionRow('s1', { status: 'done' }));
		expect((await createUser(db, userInput('1'))).ok).toBe(true);
	});
});

describe('highestNumberedUserId', () => {
	it('finds the highest U+six-digit ID, passing over other IDs that sort near it', async () => {
		expect(await highestNumberedUserId(db)).toBeUndefined();
		for (const id of ['U000005', 'U000123', 'U9', 'U000124X', 'U1000000', 'V000999', 'G1-3']) {
			await db.users.add(storedUser(id));
		}
		expect(await highestNumberedUserId(db)).toBe('U000123');
	});
});

describe('updateUser', () => {
	it('replaces the editable fields and keeps createdAt', async () => {
		await createUser(db, userInput('1', { email: 'old@x.org', title: 'Rep' }), 1);
		const result = await updateUser(db, await stored('1'), { name: 'New', userType: 'Visitor' }, 9);
		expect(result.ok && result.value).toEqual({
			id: '1',
			name: 'New',
			userType: 'Visitor',
			createdAt: 1,
			updatedAt: 9
		});
	});

	it('keeps the Image file name an import gave, which the form does not show', async () => {
		await db.users.add(storedUser('1', { imageFile: 'Ana.JPG', hasImage: true }));
		const result = await updateUser(db, await stored('1'), { name: 'Ana', userType: 'Member' }, 9);
		expect(result.ok && result.value).toMatchObject({ imageFile: 'Ana.JPG', hasImage: true });
		expect(await db.users.get(uid('1'))).toMatchObject({ imageFile: 'Ana.JPG', name: 'Ana' });
	});

	it('lets a user keep their own email but not take another user’s', async () => {
		await createUser(db, userInput('1', { email: 'one@x.org' }));
		await createUser(db, userInput('2', { email: 'two@x.org' }));
		expect(
			(await updateUser(db, await stored('1'), { ...userInput('1', { email: 'one@x.org' }) })).ok
		).toBe(true);
		const taken = await updateUser(db, await stored('1'), {
			...userInput('1', { email: 'two@x.org' })
		});
		expect(!taken.ok && taken.errors[0]?.code).toBe('DUPLICATE_EMAIL');
	});

	it('says when the user does not exist', async () => {
		const result = await updateUser(db, storedUser('nope'), userInput('nope'));
		expect(!result.ok && result.errors[0]?.code).toBe('NOT_FOUND');
	});

	it('is refused while an import runs', async () => {
		await createUser(db, userInput('1'));
		await db.importSessions.add(sessionRow('s1', { status: 'running' }));
		const result = await updateUser(db, await stored('1'), { name: 'Changed', userType: 'Member' });
		expect(!result.ok && result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
		expect((await db.users.get(uid('1')))?.name).toBe('Person 1');
	});
});

describe('updateUser from a version that is no longer the stored one', () => {
	it('is refused with CHANGED_MEANWHILE, saying what changed and by what, and writes nothing', async () => {
		await createUser(db, userInput('1', { name: 'Ana', department: 'Sales' }), 1);
		const openedInA = await stored('1');
		const openedInB = await stored('1');
		expect(
			(
				await updateUser(
					db,
					openedInB,
					{ name: 'Bea', userType: 'Employee', department: 'Sales' },
					5
				)
			).ok
		).toBe(true);
		const stale = await updateUser(
			db,
			openedInA,
			{ name: 'Ana', userType: 'Employee', department: 'Ops' },
			9
		);
		expect(!stale.ok && stale.errors[0]).toEqual({
			code: 'CHANGED_MEANWHILE',
			message:
				'Name was changed by a save in another tab or window since you opened this form, so nothing was saved. Load the current values (what you typed stays), check them and save again.',
			detail: { userId: '1', fields: 'name', changedBy: 'a save in another tab or window' }
		});
		expect(await stored('1')).toMatchObject({ name: 'Bea', department: 'Sales', updatedAt: 5 });
	});

	it('names the import that changed the user', async () => {
		await createUser(db, userInput('1', { name: 'Ana' }), 1);
		const opened = await stored('1');
		await db.importSessions.add(sessionRow('s1', { status: 'done', fileName: 'staff.csv' }));
		await db.users.put({
			...opened,
			name: 'Ana Imported',
			email: 'ana@x.org',
			updatedAt: 3,
			lastImportId: 's1' as SessionId
		});
		const stale = await updateUser(db, opened, { name: 'Ana', userType: 'Visitor' }, 9);
		expect(!stale.ok && stale.errors[0]?.message).toMatch(
			/^Name and Email were changed by the import of staff\.csv since you opened this form/
		);
		expect(await stored('1')).toMatchObject({ name: 'Ana Imported', userType: 'Employee' });
	});

	it('goes ahead when only what the form does not show changed (an image)', async () => {
		await createUser(db, userInput('1', { name: 'Ana' }), 1);
		const opened = await stored('1');
		await db.users.put({ ...opened, hasImage: true, updatedAt: 4 });
		const saved = await updateUser(db, opened, { name: 'Ana Park', userType: 'Employee' }, 9);
		expect(saved.ok && saved.value).toMatchObject({
			name: 'Ana Park',
			hasImage: true,
			updatedAt: 9
		});
	});

	it('gives every save a new version, even within one millisecond', async () => {
		await createUser(db, userInput('1'), 5);
		const first = await updateUser(db, await stored('1'), { name: 'One', userType: 'Employee' }, 5);
		expect(first.ok && first.value.updatedAt).toBe(6);
	});
});

describe('deleteUser', () => {
	it('removes the user with their cards and image', async () => {
		await createUser(db, userInput('1'));
		await registerCard(db, {
			number: cardNo('77'),
			userId: uid('1'),
			validFrom: day('2026-01-01'),
			validTo: day('2026-12-31')
		});
		await db.images.put({
			userId: uid('1'),
			image: new Blob(['x']),
			thumbnail: new Blob(['x']),
			width: 1,
			height: 1,
			updatedAt: 1
		});
		expect((await deleteUser(db, uid('1'))).ok).toBe(true);
		expect(await db.users.count()).toBe(0);
		expect(await db.cards.count()).toBe(0);
		expect(await db.images.count()).toBe(0);
	});

	it('is refused while an import runs and deletes nothing', async () => {
		await createUser(db, userInput('1'));
		await db.importSessions.add(sessionRow('s1', { status: 'running' }));
		expect((await deleteUser(db, uid('1'))).ok).toBe(false);
		expect(await db.users.count()).toBe(1);
	});
});

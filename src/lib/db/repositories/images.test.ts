import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '$lib/domain/model';
import type { RosterDatabase } from '../database';
import { LOCKING_STATUSES, SESSION_STATUSES } from '$lib/domain/import-lifecycle';
import { sessionRow, storedUser, testDatabase, uid } from '../testing/test-db';
import { removeUserImage, setUserImage, type ImageToStore } from './images';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const resized = (label: string, width = 640, height = 480): ImageToStore => ({
	image: new Blob([`image ${label}`], { type: 'image/webp' }),
	thumbnail: new Blob([`thumb ${label}`], { type: 'image/webp' }),
	width,
	height
});

const OPEN_STATUSES = SESSION_STATUSES.filter((s) => !LOCKING_STATUSES.includes(s));

describe('setUserImage', () => {
	it('stores the image and thumbnail blobs intact, readable after the round trip', async () => {
		await db.users.add(storedUser('1'));
		await setUserImage(db, uid('1'), resized('ana'), 50);
		const stored = await db.images.get(uid('1'));
		expect(stored).toMatchObject({ userId: '1', width: 640, height: 480, updatedAt: 50 });
		expect(stored?.image).toBeInstanceOf(Blob);
		expect(stored?.image.type).toBe('image/webp');
		expect(await stored?.image.text()).toBe('image ana');
		expect(await stored?.thumbnail.text()).toBe('thumb ana');
	});

	it('marks the user as having an image and returns the updated user, keeping the rest', async () => {
		await db.users.add(storedUser('1', { name: 'Ana Park', email: 'ana@x.org', createdAt: 3 }));
		const result = await setUserImage(db, uid('1'), resized('ana'), 50);
		const expected = {
			id: '1',
			name: 'Ana Park',
			email: 'ana@x.org',
			userType: 'Employee',
			hasImage: true,
			createdAt: 3,
			updatedAt: 50
		};
		expect(result).toEqual({ ok: true, value: expected });
		expect(await db.users.get(uid('1'))).toEqual(expected);
	});

	it('replaces an earlier image rather than adding a second one', async () => {
		await db.users.add(storedUser('1'));
		await setUserImage(db, uid('1'), resized('old', 640, 480), 50);
		const result = await setUserImage(db, uid('1'), resized('new', 300, 400), 60);
		expect(result.ok && result.value.updatedAt).toBe(60);
		expect(await db.images.count()).toBe(1);
		const stored = await db.images.get(uid('1'));
		expect(stored).toMatchObject({ width: 300, height: 400, updatedAt: 60 });
		expect(await stored?.image.text()).toBe('image new');
		expect(await stored?.thumbnail.text()).toBe('thumb new');
	});

	it("leaves other users' images and flags alone", async () => {
		await db.users.bulkAdd([storedUser('1'), storedUser('2')]);
		await setUserImage(db, uid('2'), resized('bo'), 40);
		await setUserImage(db, uid('1'), resized('ana'), 50);
		expect(await (await db.images.get(uid('2')))?.image.text()).toBe('image bo');
		expect(await db.users.get(uid('2'))).toMatchObject({ hasImage: true, updatedAt: 40 });
	});

	it('refuses an image for a user who does not exist and stores nothing', async () => {
		const result = await setUserImage(db, uid('ghost'), resized('x'), 50);
		expect(result).toEqual({
			ok: false,
			errors: [{ code: 'NOT_FOUND', message: 'There is no user with User ID "ghost".' }]
		});
		expect(await db.images.count()).toBe(0);
		expect(await db.users.count()).toBe(0);
	});

	it.each(LOCKING_STATUSES)(
		'is refused while an import session is %s, naming the file and changing nothing',
		async (status) => {
			await db.users.add(storedUser('1'));
			await setUserImage(db, uid('1'), resized('before'), 10);
			await db.importSessions.add(sessionRow('s1', { status, fileName: 'staff.csv' }));

			const result = await setUserImage(db, uid('1'), resized('after'), 99);

			expect(result).toEqual({
				ok: false,
				errors: [
					{
						code: 'IMPORT_IN_PROGRESS',
						message: expect.stringContaining('staff.csv') as string,
						detail: { sessionId: 's1', fileName: 'staff.csv' }
					}
				]
			});
			expect(await (await db.images.get(uid('1')))?.image.text()).toBe('image before');
			expect(await db.users.get(uid('1'))).toMatchObject({ hasImage: true, updatedAt: 10 });
		}
	);

	it.each(OPEN_STATUSES)('is allowed when the only import session is %s', async (status) => {
		await db.users.add(storedUser('1'));
		await db.importSessions.add(sessionRow('s1', { status }));
		expect((await setUserImage(db, uid('1'), resized('ana'), 50)).ok).toBe(true);
		expect(await db.images.count()).toBe(1);
	});

	it('names the running import rather than the missing user when both apply', async () => {
		// The guard is checked before the user is read, so the admin learns why nothing can change.
		await db.importSessions.add(sessionRow('s1', { status: 'running' }));
		const result = await setUserImage(db, uid('ghost'), resized('x'), 50);
		expect(!result.ok && result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
	});
});

describe('removeUserImage', () => {
	it('deletes the image and drops the flag from the user entirely', async () => {
		await db.users.add(storedUser('1', { createdAt: 3 }));
		await setUserImage(db, uid('1'), resized('ana'), 50);

		const result = await removeUserImage(db, uid('1'), 70);

		expect(result).toEqual({
			ok: true,
			value: { id: '1', name: 'Person 1', userType: 'Employee', createdAt: 3, updatedAt: 70 }
		});
		expect(await db.images.get(uid('1'))).toBeUndefined();
		const stored = await db.users.get(uid('1'));
		// Absent, not false: the stored user looks as if it never had an image.
		expect(stored).not.toHaveProperty('hasImage');
		expect(stored?.updatedAt).toBe(70);
	});

	it("keeps other users' images", async () => {
		await db.users.bulkAdd([storedUser('1'), storedUser('2')]);
		await setUserImage(db, uid('1'), resized('ana'), 50);
		await setUserImage(db, uid('2'), resized('bo'), 50);
		await removeUserImage(db, uid('1'), 70);
		expect(await db.images.count()).toBe(1);
		expect(await (await db.images.get(uid('2')))?.image.text()).toBe('image bo');
		expect(await db.users.get(uid('2'))).toMatchObject({ hasImage: true, updatedAt: 50 });
	});

	it('succeeds for a user without an image, touching only the timestamp', async () => {
		await db.users.add(storedUser('1', { name: 'Bo Lee' }));
		const result = await removeUserImage(db, uid('1'), 70);
		expect(result).toEqual({
			ok: true,
			value: { id: '1', name: 'Bo Lee', userType: 'Employee', createdAt: 1, updatedAt: 70 }
		});
		expect(await db.images.count()).toBe(0);
	});

	it('says there is no such user', async () => {
		expect(await removeUserImage(db, uid('ghost'), 70)).toEqual({
			ok: false,
			errors: [{ code: 'NOT_FOUND', message: 'There is no user with User ID "ghost".' }]
		});
	});

	it.each(LOCKING_STATUSES)(
		'is refused while an import session is %s, keeping the image and the flag',
		async (status) => {
			await db.users.add(storedUser('1'));
			await setUserImage(db, uid('1'), resized('ana'), 50);
			await db.importSessions.add(sessionRow('s1', { status, fileName: 'staff.csv' }));

			const result = await removeUserImage(db, uid('1'), 70);

			expect(!result.ok && result.errors[0]?.code).toBe('IMPORT_IN_PROGRESS');
			expect(await (await db.images.get(uid('1')))?.image.text()).toBe('image ana');
			expect(await db.users.get(uid('1'))).toMatchObject({ hasImage: true, updatedAt: 50 });
		}
	);

	it('works again once the import has finished', async () => {
		await db.users.add(storedUser('1'));
		await setUserImage(db, uid('1'), resized('ana'), 50);
		await db.importSessions.add(sessionRow('s1', { status: 'running' }));
		expect((await removeUserImage(db, uid('1'), 60)).ok).toBe(false);
		await db.importSessions.update('s1' as SessionId, { status: 'done' });
		expect((await removeUserImage(db, uid('1'), 70)).ok).toBe(true);
		expect(await db.images.count()).toBe(0);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64ToBytes } from '$lib/domain/base64';
import { LOCKING_STATUSES, SESSION_STATUSES } from '$lib/domain/import-lifecycle';
import type { RosterDatabase } from '../database';
import { sessionRow, storedUser, testDatabase, uid } from '../testing/test-db';
import { removeImageHere, setUserImage, type ImageToStore } from './images';

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
const text = (base64: string) => new TextDecoder().decode(base64ToBytes(base64));

const OPEN_STATUSES = SESSION_STATUSES.filter((s) => !LOCKING_STATUSES.includes(s));

describe('setUserImage (the import’s Continue step)', () => {
	it('stores both blobs intact and queues the same photo for the site', async () => {
		await db.users.add(storedUser('1'));
		await setUserImage(db, uid('1'), resized('ana'), 50);
		const stored = await db.images.get(uid('1'));
		expect(stored).toMatchObject({ userId: '1', width: 640, height: 480, updatedAt: 50 });
		expect(stored?.image.type).toBe('image/webp');
		expect(await stored?.image.text()).toBe('image ana');
		expect(await stored?.thumbnail.text()).toBe('thumb ana');

		const [entry, ...more] = await db.outbox.toArray();
		expect(more).toEqual([]);
		const mutation = entry?.mutation;
		expect(mutation).toMatchObject({
			type: 'image.put',
			userId: '1',
			contentType: 'image/webp',
			width: 640,
			height: 480
		});
		if (mutation?.type !== 'image.put') throw new Error('not a photo');
		expect([text(mutation.image), text(mutation.thumbnail)]).toEqual(['image ana', 'thumb ana']);
		expect(entry?.before.images).toEqual([{ key: '1', record: null }]);
	});

	it('marks the user as having an image, keeping when they were last edited', async () => {
		await db.users.add(storedUser('1', { name: 'Ana Park', createdAt: 3, updatedAt: 4 }));
		const result = await setUserImage(db, uid('1'), resized('ana'), 50);
		expect(result.ok && result.value).toMatchObject({ hasImage: true, updatedAt: 4 });
		expect(await db.users.get(uid('1'))).toMatchObject({ hasImage: true, updatedAt: 4 });
	});

	it('replaces an earlier image, keeping it as the before-image', async () => {
		await db.users.add(storedUser('1'));
		await setUserImage(db, uid('1'), resized('old'), 50);
		await setUserImage(db, uid('1'), resized('new', 300, 400), 60);
		expect(await db.images.count()).toBe(1);
		expect(await (await db.images.get(uid('1')))?.image.text()).toBe('image new');
		const entries = await db.outbox.orderBy('createdAt').toArray();
		expect(entries.map((entry) => entry.before.images?.[0]?.record?.updatedAt ?? null)).toEqual([
			null,
			50
		]);
	});

	it('refuses an image for a user who does not exist, storing and queuing nothing', async () => {
		const result = await setUserImage(db, uid('ghost'), resized('x'), 50);
		expect(result).toEqual({
			ok: false,
			errors: [{ code: 'NOT_FOUND', message: 'There is no user with User ID "ghost".' }]
		});
		expect([await db.images.count(), await db.outbox.count()]).toEqual([0, 0]);
	});

	it.each(LOCKING_STATUSES)(
		'is refused while an import session is %s, changing nothing',
		async (status) => {
			await db.users.add(storedUser('1'));
			await db.importSessions.add(sessionRow('s1', { status, fileName: 'staff.csv' }));
			const result = await setUserImage(db, uid('1'), resized('after'), 99);
			expect(!result.ok && result.errors[0]).toMatchObject({
				code: 'IMPORT_IN_PROGRESS',
				message: expect.stringContaining('staff.csv') as string
			});
			expect([await db.images.count(), await db.outbox.count()]).toEqual([0, 0]);
		}
	);

	it.each(OPEN_STATUSES)('is allowed when the only import session is %s', async (status) => {
		await db.users.add(storedUser('1'));
		await db.importSessions.add(sessionRow('s1', { status }));
		expect((await setUserImage(db, uid('1'), resized('ana'), 50)).ok).toBe(true);
		expect(await db.images.count()).toBe(1);
	});
});

describe('removeImageHere (an image.remove in the outbox)', () => {
	it('deletes the image and drops the flag from the user entirely, returning both as they were', async () => {
		await db.users.add(storedUser('1', { createdAt: 3 }));
		await setUserImage(db, uid('1'), resized('ana'), 50);
		const before = await db.transaction('rw', [db.users, db.images], () =>
			removeImageHere(db, uid('1'))
		);
		expect(before?.users[0]?.record).toMatchObject({ hasImage: true });
		expect(before?.images?.[0]?.record).toMatchObject({ updatedAt: 50 });
		expect(await db.images.get(uid('1'))).toBeUndefined();
		// Absent, not false: the stored user looks as if it never had an image.
		expect(await db.users.get(uid('1'))).not.toHaveProperty('hasImage');
	});

	it('changes nothing for a user without an image', async () => {
		await db.users.add(storedUser('1'));
		expect(
			await db.transaction('rw', [db.users, db.images], () => removeImageHere(db, uid('1')))
		).toBeNull();
	});
});

/**
 * The Image file name column from the CSV row to the stored user (overwrite, keep, undo) and on to
 * the bulk image upload, which matches files by it as well as by User ID.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '$lib/domain/result';
import type { UserId } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase } from '$lib/db/testing/test-db';
import { configured, csvFile, testEngine } from '../testing/engine-harness';
import type { Resize } from './attach-images';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const resize: Resize = (file) =>
	Promise.resolve(ok({ image: file, thumbnail: file, width: 1, height: 1 }));
const image = (name: string) => new File(['pixels'], name, { type: 'image/jpeg' });
const user = async (id: string) => db.users.get(id as UserId);

describe('the Image file name column', () => {
	it('is stored on the user, and the upload matches files by it as well as by User ID', async () => {
		const engine = testEngine(db, { resize });
		const id = await configured(
			engine,
			csvFile('User ID,Name,Photo\n1,Ana,Ana Park.JPG\n2,Bo,\n3,Cy,cy\n')
		);
		expect((await engine.describe(id)).session.mapping).toMatchObject({ imageFile: 2 });
		await engine.start(id);
		expect(await user('1')).toMatchObject({ imageFile: 'Ana Park.JPG' });
		expect(await user('2')).not.toHaveProperty('imageFile');

		const report = await engine.attachImages(
			id,
			[image('ana park.png'), image('2.jpg'), image('CY.jpeg'), image('1.jpg'), image('x.jpg')],
			1024
		);
		expect(report).toEqual({
			matched: 3,
			replaced: 0,
			unmatched: ['x.jpg'],
			rejected: [
				{ name: '1.jpg', reason: '1.jpg is a second image for user 1 (ana park.png is the first)' }
			]
		});
		for (const id of ['1', '2', '3']) expect(await user(id), id).toMatchObject({ hasImage: true });
	});

	it('refuses a file two users of the import claim, naming both', async () => {
		const engine = testEngine(db, { resize });
		const id = await configured(
			engine,
			csvFile('User ID,Name,Image file\nU1,Ana,\nU2,Bo,u1.png\n')
		);
		await engine.start(id);
		const report = await engine.attachImages(id, [image('U1.jpg')], 1024);
		expect(report.rejected).toEqual([
			{
				name: 'U1.jpg',
				reason:
					'U1.jpg fits user U1 (User ID) and user U2 (Image file name "u1.png"); rename the file or correct the Image file name column'
			}
		]);
		expect(await db.images.count()).toBe(0);
	});

	it('is overwritten like the other optional fields, a blank cell keeping it, and undone', async () => {
		const engine = testEngine(db, { resize });
		const first = await configured(
			engine,
			csvFile('User ID,Name,Photo\n1,Ana,old.jpg\n2,Bo,bo.jpg\n')
		);
		await engine.start(first);
		await engine.complete(first);

		const next = 'User ID,Name,Photo\n1,Ana,new.jpg\n2,Bo,\n';
		const kept = await configured(engine, csvFile(next));
		expect((await engine.start(kept)).counters).toMatchObject({ kept: 2 });
		expect(await user('1')).toMatchObject({ imageFile: 'old.jpg' });
		// Under Keep the stored name counts, not the row's.
		const keptReport = await engine.attachImages(kept, [image('new.jpg'), image('old.jpg')], 1024);
		expect(keptReport).toMatchObject({ matched: 1, unmatched: ['new.jpg'] });
		await engine.complete(kept);

		const overwrite = await configured(engine, csvFile(next), { overwrite: 'overwrite' });
		expect((await engine.start(overwrite)).counters).toMatchObject({ updated: 1, kept: 1 });
		expect(await user('1')).toMatchObject({ imageFile: 'new.jpg' });
		expect(await user('2')).toMatchObject({ imageFile: 'bo.jpg' });
		const report = await engine.attachImages(overwrite, [image('new.jpg'), image('BO.jpg')], 1024);
		expect(report).toMatchObject({ matched: 2, replaced: 1, unmatched: [] });

		await engine.undo(overwrite);
		expect(await user('1')).toMatchObject({ imageFile: 'old.jpg' });
	});
});

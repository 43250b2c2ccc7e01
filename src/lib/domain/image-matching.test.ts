import { describe, expect, it } from 'vitest';
import { imageKey, matchImages, usersByImageKey } from './image-matching';
import type { UserId } from './model';

const users = usersByImageKey(['1001', 'AB-7', 'x.y'] as UserId[]);
const file = (name: string, size = 1000, type = 'image/jpeg') => ({ name, size, type });

describe('imageKey', () => {
	it('drops folders and the last extension, ignoring case', () => {
		expect(imageKey('photos/1001.JPG')).toBe('1001');
		expect(imageKey('C:\\pics\\AB-7.png')).toBe('ab-7');
		expect(imageKey('x.y.webp')).toBe('x.y');
	});
});

describe('matchImages', () => {
	it('matches a file to the user whose ID is its name, whatever the case', () => {
		expect(matchImages([file('ab-7.JPEG')], users)).toEqual([
			{ kind: 'matched', index: 0, name: 'ab-7.JPEG', userId: 'AB-7' }
		]);
	});

	it('lists files that match no user of the import', () => {
		expect(matchImages([file('9999.jpg')], users)[0]).toEqual({
			kind: 'unmatched',
			index: 0,
			name: '9999.jpg'
		});
	});

	it('rejects other types, empty files and files over the limit, saying why', () => {
		const [gif, empty, big, pdf] = matchImages(
			[
				file('1001.gif', 10, 'image/gif'),
				file('1001.jpg', 0),
				file('x.y.png', 3 * 1024 * 1024, 'image/png'),
				file('1001.jpg', 10, 'application/pdf')
			],
			users
		);
		expect(gif).toMatchObject({
			kind: 'rejected',
			reason: '1001.gif is not a JPEG, PNG or WebP image'
		});
		expect(empty).toMatchObject({ kind: 'rejected', reason: '1001.jpg is empty' });
		expect(big).toMatchObject({
			kind: 'rejected',
			reason: 'x.y.png is 3 MB; images can be at most 1 MB'
		});
		expect(pdf).toMatchObject({ kind: 'rejected' });
	});

	it('rejects a second image for the same user', () => {
		const [first, second] = matchImages(
			[file('1001.jpg'), file('1001.png', 5, 'image/png')],
			users
		);
		expect(first?.kind).toBe('matched');
		expect(second).toMatchObject({
			kind: 'rejected',
			reason: '1001.png is a second image for user 1001 (1001.jpg is the first)'
		});
	});
});

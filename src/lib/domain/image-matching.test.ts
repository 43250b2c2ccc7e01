import { describe, expect, it } from 'vitest';
import { imageFileKey, imageKey, matchImages, usersByImageKey } from './image-matching';
import type { UserId } from './model';

const users = usersByImageKey((['1001', 'AB-7', 'x.y'] as UserId[]).map((id) => ({ id })));
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

	it('rejects other types and empty files, saying why, and leaves large files to the resize', () => {
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
		// A photo of any size is resized; only one the resize cannot read is refused.
		expect(big).toMatchObject({ kind: 'matched', name: 'x.y.png', userId: 'x.y' });
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

describe('imageFileKey', () => {
	it('drops an image extension only, ignoring case and accents written apart', () => {
		expect(imageFileKey(' Ana Park.JPG ')).toBe('ana park');
		expect(imageFileKey('ana.park')).toBe('ana.park');
		expect(imageFileKey('ana.park.webp')).toBe('ana.park');
		// The same name as a Mac folder hands it out (é as e + combining accent) and as typed.
		expect(imageFileKey('Jose\u0301.png')).toBe(imageKey('José.png'));
		expect(imageKey('photos/Jose\u0301.png')).toBe('josé');
	});
});

describe('matchImages by the Image file name column', () => {
	const id = (value: string) => value as UserId;
	const byColumn = usersByImageKey([
		{ id: id('1001'), imageFile: 'Ana Park.jpg' },
		{ id: id('1002'), imageFile: 'bo' },
		{ id: id('1003') }
	]);

	it('matches a file named as the column says, whatever the case or image extension', () => {
		expect(
			matchImages(
				[file('ANA PARK.png', 10, 'image/png'), file('photos/Bo.webp', 10, 'image/webp')],
				byColumn
			)
		).toEqual([
			{ kind: 'matched', index: 0, name: 'ANA PARK.png', userId: '1001' },
			{ kind: 'matched', index: 1, name: 'photos/Bo.webp', userId: '1002' }
		]);
	});

	it('still matches by User ID, and the two names of one user are one image too many', () => {
		const [byId, byName, other] = matchImages(
			[file('1003.jpg'), file('1001.jpg'), file('ana park.jpg')],
			byColumn
		);
		expect(byId).toMatchObject({ kind: 'matched', userId: '1003' });
		expect(byName).toMatchObject({ kind: 'matched', userId: '1001' });
		expect(other).toMatchObject({
			kind: 'rejected',
			reason: 'ana park.jpg is a second image for user 1001 (1001.jpg is the first)'
		});
	});

	it('does not match a file whose name the column does not give', () => {
		expect(matchImages([file('Ana.jpg')], byColumn)[0]).toMatchObject({ kind: 'unmatched' });
	});

	it('refuses a file two users claim, naming both, rather than picking one', () => {
		const table = usersByImageKey([
			{ id: id('U1') },
			{ id: id('U2'), imageFile: 'u1.JPG' },
			{ id: id('U3'), imageFile: 'team.png' },
			{ id: id('U4'), imageFile: 'Team' }
		]);
		const [byIdAndName, byTwoNames] = matchImages([file('u1.jpg'), file('TEAM.jpg')], table);
		expect(byIdAndName).toEqual({
			kind: 'rejected',
			index: 0,
			name: 'u1.jpg',
			reason:
				'u1.jpg fits user U1 (User ID) and user U2 (Image file name "u1.JPG"); rename the file or correct the Image file name column'
		});
		expect(byTwoNames).toMatchObject({
			kind: 'rejected',
			reason:
				'TEAM.jpg fits user U3 (Image file name "team.png") and user U4 (Image file name "Team"); rename the file or correct the Image file name column'
		});
	});

	it('is no collision when a user’s file name is their own User ID', () => {
		const table = usersByImageKey([{ id: id('1001'), imageFile: '1001.PNG' }]);
		expect(table.get('1001')).toEqual([{ userId: '1001' }]);
		expect(matchImages([file('1001.jpg')], table)[0]).toMatchObject({ kind: 'matched' });
	});
});

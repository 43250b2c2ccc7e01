/**
 * Which user each image file of a bulk upload belongs to: the file's name without its extension
 * is a User ID, or the Image file name the import gave a user (compared without case, as file
 * systems and cameras change case freely). Pure: the engine reads the files, this only judges
 * their names and types; how large a file may be is the resize's call, as it shrinks them.
 */
import { FIELDS } from './fields';
import type { UserId } from './model';

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'] as const;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface ImageCandidate {
	name: string;
	size: number;
	/** MIME type as the browser reports it; may be empty. */
	type: string;
}

export type ImageMatch =
	| { kind: 'matched'; index: number; name: string; userId: UserId }
	| { kind: 'unmatched'; index: number; name: string }
	| { kind: 'rejected'; index: number; name: string; reason: string };

/** The name without folders; NFC, since macOS hands out decomposed accents (`é` as e + ´). */
const baseName = (name: string): string => (name.split(/[\\/]/).pop() ?? name).normalize('NFC');

/** The file name without folders and without its last extension: `photos/1001.JPG` → `1001`. */
export function imageKey(name: string): string {
	return baseName(name)
		.replace(/\.[^.]*$/, '')
		.trim()
		.toLowerCase();
}

const IMAGE_EXTENSION = new RegExp(`\\.(?:${IMAGE_EXTENSIONS.join('|')})$`, 'i');

/**
 * The key of an Image file name cell, comparable with imageKey of an uploaded file. Only an image
 * extension is dropped: a cell may leave it off (`ana.park` means `ana.park.jpg`, not `ana`).
 */
export function imageFileKey(name: string): string {
	return baseName(name).trim().replace(IMAGE_EXTENSION, '').trim().toLowerCase();
}

function extensionOf(name: string): string {
	const match = /\.([^.\\/]+)$/.exec(name);
	return match?.[1]?.toLowerCase() ?? '';
}

/** Why a key leads to a user: their User ID, or the Image file name their row gave. */
export interface ImageClaim {
	userId: UserId;
	/** The Image file name cell behind the claim; absent when the claim is the User ID. */
	imageFile?: string;
}

/** Image key → the users that claim it: one, or several when an ID and a file name collide. */
export type ImageKeyTable = ReadonlyMap<string, readonly ImageClaim[]>;

/** A user of the import, as the image matching sees them. */
export interface ImageOwner {
	id: UserId;
	imageFile?: string;
}

/** `user 1001 (User ID)` / `user 1002 (Image file name "Ana.png")`, for a collision message. */
function describeClaim(claim: ImageClaim): string {
	const by =
		claim.imageFile === undefined
			? FIELDS.userId.label
			: `${FIELDS.imageFile.label} "${claim.imageFile}"`;
	return `user ${claim.userId} (${by})`;
}

/**
 * Judges each file: rejected (not a JPEG/PNG/WebP, or empty), matched to a user of the
 * import, or unmatched. A file whose name two users claim is rejected naming both, and a second
 * file for the same user is rejected: which photo is meant is the admin's call, not ours.
 */
export function matchImages(
	files: readonly ImageCandidate[],
	usersByKey: ImageKeyTable
): ImageMatch[] {
	const taken = new Map<UserId, string>();
	return files.map((file, index): ImageMatch => {
		const { name } = file;
		const extension = extensionOf(name);
		const typeOk = file.type === '' || IMAGE_TYPES.includes(file.type);
		if (!(IMAGE_EXTENSIONS as readonly string[]).includes(extension) || !typeOk) {
			return {
				kind: 'rejected',
				index,
				name,
				reason: `${name} is not a JPEG, PNG or WebP image`
			};
		}
		if (file.size === 0) return { kind: 'rejected', index, name, reason: `${name} is empty` };
		const claims = usersByKey.get(imageKey(name)) ?? [];
		const [claim] = claims;
		if (claim === undefined) return { kind: 'unmatched', index, name };
		if (claims.length > 1) {
			return {
				kind: 'rejected',
				index,
				name,
				reason: `${name} fits ${claims.map(describeClaim).join(' and ')}; rename the file or correct the ${FIELDS.imageFile.label} column`
			};
		}
		const { userId } = claim;
		const earlier = taken.get(userId);
		if (earlier) {
			return {
				kind: 'rejected',
				index,
				name,
				reason: `${name} is a second image for user ${userId} (${earlier} is the first)`
			};
		}
		taken.set(userId, name);
		return { kind: 'matched', index, name, userId };
	});
}

/**
 * The lookup matchImages needs, from the users of an import: each is found by their User ID and,
 * when their row named one, by their Image file name. A key two users claim keeps both claims, so
 * the file is refused with both names rather than given to whichever came first.
 */
export function usersByImageKey(users: Iterable<ImageOwner>): Map<string, ImageClaim[]> {
	const table = new Map<string, ImageClaim[]>();
	const claim = (key: string, next: ImageClaim): void => {
		const claims = table.get(key);
		if (!claims) table.set(key, [next]);
		// The same user by ID and by file name (`1001` named `1001.jpg`) is no collision.
		else if (!claims.some((c) => c.userId === next.userId)) claims.push(next);
	};
	for (const { id, imageFile } of users) {
		claim(id.toLowerCase(), { userId: id });
		if (imageFile) claim(imageFileKey(imageFile), { userId: id, imageFile });
	}
	return table;
}

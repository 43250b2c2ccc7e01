/**
 * Which user each image file of a bulk upload belongs to: the file's name without its extension
 * is a User ID (compared without case, as file systems and cameras change case freely).
 * Pure: the engine reads the files, this only judges their names, types and sizes.
 */
import { formatBytes } from './format-bytes';
import type { UserId } from './model';

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'] as const;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** Largest image file accepted by default (a setting may change it). */
export const DEFAULT_MAX_IMAGE_BYTES = 1024 * 1024;

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

/** The file name without folders and without its last extension: `photos/1001.JPG` → `1001`. */
export function imageKey(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? name;
	return base
		.replace(/\.[^.]*$/, '')
		.trim()
		.toLowerCase();
}

function extensionOf(name: string): string {
	const match = /\.([^.\\/]+)$/.exec(name);
	return match?.[1]?.toLowerCase() ?? '';
}

/**
 * Judges each file: rejected (not a JPEG/PNG/WebP, empty or too large), matched to a user of the
 * import, or unmatched. A second file for the same user is rejected: which photo is meant is the
 * admin's call, not ours.
 */
export function matchImages(
	files: readonly ImageCandidate[],
	usersByKey: ReadonlyMap<string, UserId>,
	maxBytes = DEFAULT_MAX_IMAGE_BYTES
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
		if (file.size > maxBytes) {
			return {
				kind: 'rejected',
				index,
				name,
				reason: `${name} is ${formatBytes(file.size)}; images can be at most ${formatBytes(maxBytes)}`
			};
		}
		const userId = usersByKey.get(imageKey(name));
		if (!userId) return { kind: 'unmatched', index, name };
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

/** The lookup matchImages needs, from the User IDs of an import. */
export function usersByImageKey(userIds: Iterable<UserId>): Map<string, UserId> {
	const map = new Map<string, UserId>();
	for (const id of userIds) map.set(id.toLowerCase(), id);
	return map;
}

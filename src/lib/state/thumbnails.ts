/**
 * Object URLs of user images and thumbnails for the screens, read from the database and cached so
 * scrolling back does not read them again. Keyed by user and the user's updatedAt, so a new image
 * is never shown stale.
 */
import { database } from '$lib/db/database';
import type { UserId } from '$lib/domain/model';

const MAX_CACHED = 400;
const cache = new Map<string, Promise<string | null>>();

export function thumbnailUrl(
	userId: UserId,
	version: number,
	which: 'thumbnail' | 'image' = 'thumbnail'
): Promise<string | null> {
	const key = `${which}:${userId}:${version}`;
	const cached = cache.get(key);
	if (cached) {
		// Move to the end: the map's order is the eviction order.
		cache.delete(key);
		cache.set(key, cached);
		return cached;
	}
	const loading = database()
		.images.get(userId)
		.then((record) => (record ? URL.createObjectURL(record[which]) : null))
		.catch(() => null);
	cache.set(key, loading);
	while (cache.size > MAX_CACHED) {
		const [oldestKey, oldest] = cache.entries().next().value as [string, Promise<string | null>];
		cache.delete(oldestKey);
		void oldest.then((url) => url && URL.revokeObjectURL(url));
	}
	return loading;
}

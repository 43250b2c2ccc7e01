/**
 * Object URLs of user images and thumbnails for the screens, read live from the database and
 * cached so scrolling back does not read them again. A photo reaches the replica after its
 * user's record (the feed fetches its bytes once the page has committed), so a screen follows
 * the photo itself, not the user: it shows the moment it lands, and never stale.
 */
import { database } from '$lib/db/database';
import type { UserImage } from '$lib/db/records';
import type { UserId } from '$lib/domain/model';
import { LiveValue } from './live-value.svelte';

const MAX_CACHED = 400;
const cache = new Map<string, string>();

type Size = 'thumbnail' | 'image';

function urlOf(record: UserImage, which: Size): string {
	// A new photo here, or the server's version of it, is a new key.
	const key = `${which}:${record.userId}:${record.updatedAt}:${record.version ?? ''}`;
	const cached = cache.get(key);
	if (cached) {
		// Move to the end: the map's order is the eviction order.
		cache.delete(key);
		cache.set(key, cached);
		return cached;
	}
	const url = URL.createObjectURL(record[which]);
	cache.set(key, url);
	while (cache.size > MAX_CACHED) {
		const [oldestKey, oldest] = cache.entries().next().value as [string, string];
		cache.delete(oldestKey);
		URL.revokeObjectURL(oldest);
	}
	return url;
}

/** The user's photo (or thumbnail) as stored now, or null while there is none. */
export function liveImageUrl(userId: UserId, which: Size = 'thumbnail'): LiveValue<string | null> {
	return new LiveValue(async () => {
		const record = await database().images.get(userId);
		return record ? urlOf(record, which) : null;
	}, null);
}

/**
 * The feed's 'image' entity: a change carries only the photo's small record (its size in pixels
 * and version), and the replica fetches both sizes from the server once the page has committed,
 * since a Dexie transaction cannot wait on the network.
 */
import type { UserImage } from '$lib/db/records';
import type { UserId } from '$lib/domain/model';
import type { EntityHandler, FeedChange } from './feed-entities';

interface ImageChange {
	userId: string;
	width: number;
	height: number;
	version: number;
	updatedAt: number;
}

/** The server keys a photo by its user's ID, which it accepted as one. */
const userIdOf = (key: string) => key as UserId;

/** One size of a photo; null when the server no longer has it or cannot be reached now. */
async function fetchPhoto(userId: string, size: 'image' | 'thumbnail'): Promise<Blob | null> {
	// Relative: the site worker runs on the app's own origin, and sends its session cookie.
	const response = await fetch(`/api/users/${encodeURIComponent(userId)}/${size}`, {
		credentials: 'same-origin'
	}).catch(() => null);
	return response?.ok ? response.blob() : null;
}

/** True when the replica already holds this version of the photo, or a later one. */
const holds = (stored: UserImage | undefined, change: ImageChange) =>
	(stored?.version ?? 0) >= change.version;

export const imageHandler: EntityHandler = {
	tables: (db) => [db.images],
	async apply(db, change) {
		if (change.record === null) await db.images.delete(userIdOf(change.key));
	},
	async afterCommit(db, changes: FeedChange[]) {
		// Only the newest change of each user counts; one removed again is already gone.
		const newest = new Map(changes.map((change) => [change.key, change]));
		for (const [key, change] of newest) {
			const record = change.record as ImageChange | null;
			if (!record || holds(await db.images.get(userIdOf(key)), record)) continue;
			const [image, thumbnail] = await Promise.all([
				fetchPhoto(key, 'image'),
				fetchPhoto(key, 'thumbnail')
			]);
			if (!image || !thumbnail) continue;
			const { width, height, version, updatedAt } = record;
			await db.transaction('rw', db.images, async () => {
				// A newer photo may have landed while these were fetched.
				if (holds(await db.images.get(userIdOf(key)), record)) return;
				await db.images.put({
					userId: userIdOf(key),
					image,
					thumbnail,
					width,
					height,
					updatedAt,
					version
				});
			});
		}
	}
};

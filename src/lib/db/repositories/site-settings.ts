/**
 * The site's settings in the replica (the defaults, the last import's options, saved mappings):
 * the site's, so each reaches the server as a `setting.put` mutation and every replica through
 * the feed. These write what such a mutation changes here, with its before-image.
 */
import type { SettingPut } from '$lib/domain/mutations';
import type { RosterDatabase } from '../database';
import type { BeforeImages } from '../records';
import { queueMutation } from '../site-outbox';

/** Puts a setting here, inside a transaction over settings; returns what it replaced. */
export async function putSettingHere(
	db: RosterDatabase,
	key: string,
	value: unknown,
	now: number
): Promise<BeforeImages> {
	const record = (await db.settings.get(key)) ?? null;
	await db.settings.put({ key, value, updatedAt: now });
	return { users: [], cards: [], settings: [{ key, record }] };
}

/**
 * Puts settings here and queues each for the site, in one transaction: what the import worker
 * does when it remembers a file's mapping (it has no page to wait on the server's answer).
 */
export async function saveSiteSettings(
	db: RosterDatabase,
	settings: readonly { key: string; value: unknown }[],
	now: number
): Promise<void> {
	await db.transaction('rw', [db.settings, db.outbox], async () => {
		for (const { key, value } of settings) {
			const mutation: SettingPut & { id: string } = {
				id: crypto.randomUUID(),
				type: 'setting.put',
				key,
				value
			};
			await queueMutation(db, mutation, await putSettingHere(db, key, value, now), now);
		}
	});
}

/**
 * The outbox: mutations applied to the replica at once (optimistically) and kept until the server
 * answers (docs/architecture.md, "The replica"). A refusal puts back what the mutation changed,
 * unless the feed has since brought a newer version, and stays as a refusal for the admin.
 */
import type { RosterDatabase } from '$lib/db/database';
import type { BeforeImages, OutboxEntry } from '$lib/db/records';
import { putImageHere, removeImageHere } from '$lib/db/repositories/images';
import { putSettingHere } from '$lib/db/repositories/site-settings';
import { queueMutation } from '$lib/db/site-outbox';
import { base64ToBytes } from '$lib/domain/base64';
import { changeCard } from '$lib/domain/card-changes';
import type { AppError } from '$lib/domain/errors';
import type { Card, CardNumber, User, UserId } from '$lib/domain/model';
import type { ImagePut, Mutation } from '$lib/domain/mutations';
import { validateCardForm, validateUserForm } from '$lib/domain/user-form';

/** The server's answer to a mutation: applied with the site's version, or refused. */
export type MutationOutcome =
	| {
			ok: true;
			version: number;
			user?: User;
			card?: Card;
			/** A photo's record (image.put): the version the photo here now has. */
			image?: { userId: string; version: number } | null;
	  }
	| { ok: false; error: AppError };

/** The replica's tables a mutation may change before the server answers. */
const optimisticTables = (db: RosterDatabase) => [
	db.users,
	db.cards,
	db.images,
	db.settings,
	db.outbox
];

/** Stores the mutation in the outbox and applies it to the replica, in one transaction. */
export async function enqueueMutation(
	db: RosterDatabase,
	mutation: Mutation,
	now = Date.now()
): Promise<OutboxEntry> {
	return db.transaction('rw', optimisticTables(db), async () => {
		const existing = await db.outbox.get(mutation.id);
		if (existing) return existing;
		return queueMutation(db, mutation, await applyOptimistically(db, mutation, now), now);
	});
}

/** The oldest mutation still to be sent, if any. */
export function nextWaitingMutation(db: RosterDatabase): Promise<OutboxEntry | undefined> {
	return db.outbox
		.orderBy('createdAt')
		.filter((entry) => entry.refusal === undefined)
		.first();
}

/** The server answered: an applied mutation leaves the outbox, a refused one is undone and kept. */
export async function settleMutation(
	db: RosterDatabase,
	id: string,
	outcome: MutationOutcome
): Promise<void> {
	await db.transaction('rw', optimisticTables(db), async () => {
		const entry = await db.outbox.get(id);
		if (!entry) return;
		if (outcome.ok) {
			await db.outbox.delete(id);
			// The feed brings the same record; putting it now shows the server's version at once.
			if (outcome.user) await putIfNewer(db.users, outcome.user.id, outcome.user);
			if (outcome.card) await putIfNewer(db.cards, outcome.card.number, outcome.card);
			// The photo here is the one the server stored: the feed need not fetch it again.
			if (outcome.image && entry.mutation.type === 'image.put')
				await db.images.update(outcome.image.userId as UserId, { version: outcome.image.version });
			return;
		}
		await undo(db, entry.before);
		await putCurrentOf(db, entry.mutation, outcome.error);
		await db.outbox.put({ ...entry, refusal: outcome.error });
	});
}

/** The admin has seen a refusal (and has their input back): it leaves the outbox. */
export async function dismissRefusal(db: RosterDatabase, id: string): Promise<void> {
	await db.outbox.delete(id);
}

async function putIfNewer<T extends { version?: number }>(
	table: { get(key: string): Promise<T | undefined>; put(record: T): Promise<unknown> },
	key: string,
	record: T
): Promise<void> {
	const stored = await table.get(key);
	if ((stored?.version ?? 0) <= (record.version ?? 0)) await table.put(record);
}

/**
 * A change refused as made meanwhile, or a new user refused because their User ID is taken,
 * carries the record as the server holds it. The feed may
 * have brought that record while the mutation was on its way and left it (the optimistic write
 * was newer), so the undo alone could put back a version older than the server's.
 */
async function putCurrentOf(db: RosterDatabase, mutation: Mutation, error: AppError) {
	const detail = error.detail as { current?: object } | undefined;
	const carries = error.code === 'CHANGED_MEANWHILE' || error.code === 'DUPLICATE_USER_ID';
	const current = carries ? detail?.current : undefined;
	if (!current) return;
	if (mutation.type === 'user.update') await putIfNewer(db.users, mutation.userId, current as User);
	if (mutation.type === 'user.create')
		await putIfNewer(db.users, (current as User).id, current as User);
	if (mutation.type === 'card.update') await putIfNewer(db.cards, mutation.number, current as Card);
}

async function undo(db: RosterDatabase, before: BeforeImages): Promise<void> {
	for (const { key, record } of before.users) {
		await restore(db.users, key as UserId, record);
	}
	for (const { key, record } of before.cards) {
		await restore(db.cards, key as CardNumber, record);
	}
	for (const { key, record } of before.images ?? []) {
		await restore(db.images, key as UserId, record);
	}
	for (const { key, record } of before.settings ?? []) {
		await restore(db.settings, key, record);
	}
}

/** An `image.put`'s photo as the replica keeps it: Blobs of the type the server will store. */
const resizedOf = (put: ImagePut) => ({
	image: new Blob([base64ToBytes(put.image)], { type: put.contentType }),
	thumbnail: new Blob([base64ToBytes(put.thumbnail)], { type: put.contentType }),
	width: put.width,
	height: put.height
});

/** Puts back a before-image, unless the record now holds a version the feed brought since. */
async function restore<T extends { version?: number }, K extends string>(
	table: {
		get(key: K): Promise<T | undefined>;
		put(record: T): Promise<unknown>;
		delete(key: K): Promise<void>;
	},
	key: K,
	record: T | null
): Promise<void> {
	const now = await table.get(key);
	if ((now?.version ?? 0) > (record?.version ?? 0)) return;
	if (record === null) await table.delete(key);
	else await table.put(record);
}

const NO_CHANGE: BeforeImages = { users: [], cards: [] };

/**
 * What the server will most likely do, done to the replica now, with the before-images. A
 * mutation the replica cannot foresee (a blank User ID the server numbers, input the server will
 * refuse) changes nothing here: its answer and the feed bring the outcome.
 */
async function applyOptimistically(
	db: RosterDatabase,
	mutation: Mutation,
	now: number
): Promise<BeforeImages> {
	switch (mutation.type) {
		case 'user.create': {
			const checked = validateUserForm(mutation.values, null);
			if (!checked.ok || (await db.users.get(checked.value.id))) return NO_CHANGE;
			await db.users.add({ ...checked.value, createdAt: now, updatedAt: now });
			return { users: [{ key: checked.value.id, record: null }], cards: [] };
		}
		case 'user.update': {
			const existing = await db.users.get(mutation.userId as UserId);
			const checked = validateUserForm(mutation.values, null);
			if (!existing || !checked.ok) return NO_CHANGE;
			const { hasImage, imageFile, lastImportId, createdAt, version } = existing;
			await db.users.put({
				...checked.value,
				id: existing.id,
				...(hasImage ? { hasImage } : {}),
				...(imageFile ? { imageFile } : {}),
				...(lastImportId ? { lastImportId } : {}),
				...(version === undefined ? {} : { version }),
				createdAt,
				updatedAt: Math.max(now, existing.updatedAt + 1)
			});
			return { users: [{ key: existing.id, record: existing }], cards: [] };
		}
		case 'user.delete': {
			const id = mutation.userId as UserId;
			const existing = await db.users.get(id);
			if (!existing) return NO_CHANGE;
			const cards = await db.cards.where('userId').equals(id).toArray();
			// The photo goes with its user, as on the server: a later user of the same ID must
			// never be printed with it.
			const image = (await db.images.get(id)) ?? null;
			await db.cards.bulkDelete(cards.map((card) => card.number));
			await db.images.delete(id);
			await db.users.delete(id);
			return {
				users: [{ key: id, record: existing }],
				cards: cards.map((card) => ({ key: card.number, record: card })),
				images: image ? [{ key: id, record: image }] : []
			};
		}
		case 'card.add': {
			const checked = validateCardForm(mutation.card);
			const holder = await db.users.get(mutation.userId as UserId);
			if (!checked.ok || !holder || (await db.cards.get(checked.value.number))) return NO_CHANGE;
			await db.cards.add({
				...checked.value,
				userId: holder.id,
				status: 'registered',
				createdAt: now,
				updatedAt: now
			});
			return { users: [], cards: [{ key: checked.value.number, record: null }] };
		}
		case 'card.remove': {
			const existing = await db.cards.get(mutation.number as CardNumber);
			if (!existing) return NO_CHANGE;
			await db.cards.delete(existing.number);
			return { users: [], cards: [{ key: existing.number, record: existing }] };
		}
		case 'card.update': {
			const existing = await db.cards.get(mutation.number as CardNumber);
			if (!existing || existing.userId !== mutation.userId) return NO_CHANGE;
			const changed = changeCard(existing, mutation.changes, now);
			if (!changed.ok) return NO_CHANGE;
			await db.cards.put(changed.value);
			return { users: [], cards: [{ key: existing.number, record: existing }] };
		}
		case 'records.write':
			// Queued by the import engine in its own transaction, which already wrote the records.
			return NO_CHANGE;
		case 'lease.take':
		case 'lease.release':
			// The lease is the server's; the feed brings it to every replica, this one included.
			return NO_CHANGE;
		case 'image.put':
			return (
				(await putImageHere(db, mutation.userId as UserId, resizedOf(mutation), now)) ?? NO_CHANGE
			);
		case 'image.remove':
			return (await removeImageHere(db, mutation.userId as UserId)) ?? NO_CHANGE;
		case 'setting.put':
			return putSettingHere(db, mutation.key, mutation.value, now);
	}
}

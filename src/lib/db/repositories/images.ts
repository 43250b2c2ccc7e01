/**
 * Users' photos in the replica. A photo is the site's: it reaches the server as an `image.put`
 * or `image.remove` mutation (domain/mutations.ts) and every replica through the feed. These
 * functions write what such a mutation changes here, with the before-images the outbox puts
 * back if the server refuses it.
 */
import { bytesToBase64 } from '$lib/domain/base64';
import type { AppError } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import type { ImagePut, ImageType } from '$lib/domain/mutations';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '../database';
import { guardedWrite } from '../guard';
import type { BeforeImages } from '../records';
import { queueMutation } from '../site-outbox';
import { requireUser } from './users';

/** A resized image ready to store (see src/lib/images/resize.ts). */
export interface ImageToStore {
	image: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
}

/** The mutation that sends a resized photo to the site: both sizes base64 in one body. */
export async function imagePutOf(userId: UserId, resized: ImageToStore): Promise<ImagePut> {
	const base64 = async (blob: Blob) => bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
	return {
		type: 'image.put',
		userId,
		// The resizer writes one of IMAGE_TYPES; the server refuses any other by name (415).
		contentType: resized.image.type as ImageType,
		image: await base64(resized.image),
		thumbnail: await base64(resized.thumbnail),
		width: resized.width,
		height: resized.height
	};
}

/**
 * Puts a photo here and marks its user as having one, inside a transaction over users and
 * images; null when the replica has no such user (the server's answer will say so). The user's
 * `updatedAt` stays, as on the server: the feed's record of the user then replaces this one.
 */
export async function putImageHere(
	db: RosterDatabase,
	userId: UserId,
	resized: ImageToStore,
	now: number
): Promise<BeforeImages | null> {
	const user = await db.users.get(userId);
	if (!user) return null;
	const image = (await db.images.get(userId)) ?? null;
	await db.images.put({ userId, ...resized, updatedAt: now });
	await db.users.put({ ...user, hasImage: true });
	return {
		users: [{ key: userId, record: user }],
		cards: [],
		images: [{ key: userId, record: image }]
	};
}

/** Removes a photo here and the user's mark, inside a transaction over users and images. */
export async function removeImageHere(
	db: RosterDatabase,
	userId: UserId
): Promise<BeforeImages | null> {
	const user = await db.users.get(userId);
	const image = await db.images.get(userId);
	if (!user || !image) return null;
	await db.images.delete(userId);
	const { hasImage: _had, ...without } = user;
	await db.users.put(without);
	return {
		users: [{ key: userId, record: user }],
		cards: [],
		images: [{ key: userId, record: image }]
	};
}

/**
 * Sets (or replaces) a user's photo here and queues it for the site in the same transaction,
 * guarded like every write: what the import's Continue step does for each matched file, from
 * the import worker (which has no page to wait on the server's answer; a refusal is kept in the
 * outbox and shown on every page).
 */
export async function setUserImage(
	db: RosterDatabase,
	userId: UserId,
	resized: ImageToStore,
	now = Date.now()
): Promise<Result<User, AppError>> {
	// Before the transaction: reading a Blob is not IndexedDB work, and would end it.
	const mutation = { id: crypto.randomUUID(), ...(await imagePutOf(userId, resized)) };
	return guardedWrite(db, [db.users, db.images, db.outbox], async () => {
		const user = await requireUser(db, userId);
		const before = await putImageHere(db, userId, resized, now);
		if (before) await queueMutation(db, mutation, before, now);
		return { ...user, hasImage: true };
	});
}

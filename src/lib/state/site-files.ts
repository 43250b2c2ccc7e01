import type { AppError } from '$lib/domain/errors';
import type { UserId } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { ImageToStore } from '$lib/db/repositories/images';
import { apiFetch } from './api';

/**
 * Users' photos and the site's settings are the server's: these send them, and the replica gets
 * them back through the feed ('image', 'setting'; see src/lib/sync/feed-entities.ts).
 */

async function base64Of(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	// In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
	for (let at = 0; at < bytes.length; at += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
	return btoa(binary);
}

export async function sendUserImage(
	userId: UserId,
	resized: ImageToStore
): Promise<Result<unknown, AppError>> {
	const body = {
		contentType: resized.image.type,
		image: await base64Of(resized.image),
		thumbnail: await base64Of(resized.thumbnail),
		width: resized.width,
		height: resized.height
	};
	return apiFetch(`/users/${encodeURIComponent(userId)}/image`, {
		method: 'PUT',
		body: JSON.stringify(body)
	});
}

export function removeUserImageOnSite(userId: UserId): Promise<Result<unknown, AppError>> {
	return apiFetch(`/users/${encodeURIComponent(userId)}/image`, { method: 'DELETE' });
}

/** A setting of the site (the defaults, a saved mapping), checked by the server by the same rules. */
export function saveSiteSetting(key: string, value: unknown): Promise<Result<unknown, AppError>> {
	return apiFetch(`/settings/${encodeURIComponent(key)}`, {
		method: 'PUT',
		body: JSON.stringify({ value })
	});
}

import type { AppError } from '$lib/domain/errors';
import { matchImages, usersByImageKey } from '$lib/domain/image-matching';
import type { SessionId } from '$lib/domain/model';
import type { Result } from '$lib/domain/result';
import type { RosterDatabase } from '$lib/db/database';
import { setUserImage } from '$lib/db/repositories/images';
import type { ResizedImage } from '$lib/images/resize-core';
import type { ImageReport } from '../api';
import { importedImageOwners } from './image-owners';

/** Decodes and resizes one file; `maxBytes` holds the stored image (see `resizeImageFile`). */
export type Resize = (
	file: Blob,
	name: string,
	maxBytes: number
) => Promise<Result<ResizedImage, AppError>>;

/**
 * Gives the users of an import their images: each file matched by name to a User ID or to the
 * Image file name the import gave a user (see image-matching.ts), decoded and resized (in this
 * worker) however large the file, stored with its thumbnail: `maxBytes`, the Maximum image size
 * setting, holds the stored image, not the file chosen. One file at a time, so a thousand photos never sit decoded
 * in memory together, and a file that cannot be read is reported and skipped.
 */
export async function attachImportImages(
	db: RosterDatabase,
	sessionId: SessionId,
	files: readonly File[],
	options: { maxBytes: number; resize: Resize; now: () => number },
	onProgress: (done: number, total: number) => void
): Promise<ImageReport> {
	const users = usersByImageKey(await importedImageOwners(db, sessionId));
	const matches = matchImages(files, users);
	const report: ImageReport = { matched: 0, replaced: 0, unmatched: [], rejected: [] };
	let done = 0;
	for (const match of matches) {
		if (match.kind === 'unmatched') report.unmatched.push(match.name);
		if (match.kind === 'rejected') report.rejected.push({ name: match.name, reason: match.reason });
		if (match.kind === 'matched') {
			const file = files[match.index];
			const resized = file
				? await options.resize(file, match.name, options.maxBytes)
				: { ok: false as const, errors: [] };
			if (!resized.ok) {
				const reason = resized.errors[0]?.message ?? `${match.name} could not be read`;
				report.rejected.push({ name: match.name, reason });
			} else {
				const hadImage = (await db.images.get(match.userId)) !== undefined;
				const stored = await setUserImage(db, match.userId, resized.value, options.now());
				if (stored.ok) {
					report.matched += 1;
					if (hadImage) report.replaced += 1;
				} else {
					report.rejected.push({ name: match.name, reason: stored.errors[0]?.message ?? '' });
				}
			}
		}
		done += 1;
		onProgress(done, matches.length);
	}
	return report;
}

import { createHash } from 'node:crypto';
import { UPLOAD_PART_BYTES } from '../../src/lib/domain/uploads';
import { listAdmins, theSite, type Admin } from '../auth/admins';
import type { SqlDatabase } from '../db/sql';
import { appendPart, createUpload } from '../site/uploads';

/** The site's first admin (its owner, in the suites). */
export async function siteOwner(db: SqlDatabase): Promise<Admin> {
	const site = await theSite(db);
	const admins = site ? await listAdmins(db, site.id) : [];
	if (!admins[0]) throw new Error('The test site has no admin');
	return admins[0];
}

/** Uploads `bytes` as `name` the way the browser sends a file, in parts: the upload's id. */
export async function uploaded(
	db: SqlDatabase,
	admin: Admin,
	name: string,
	bytes: Uint8Array
): Promise<string> {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const upload = await createUpload(db, admin, { name, size: bytes.byteLength, sha256 });
	for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_PART_BYTES) {
		await appendPart(
			db,
			admin.siteId,
			upload.id,
			offset,
			bytes.subarray(offset, offset + UPLOAD_PART_BYTES)
		);
	}
	return upload.id;
}

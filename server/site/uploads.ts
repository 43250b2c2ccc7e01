/**
 * A file the browser sends once, in parts, for an import that runs on the server
 * (docs/architecture.md, "Uploads"). Each part is one row of `upload_parts` written in the same
 * transaction as the upload's `received`, so a part is there whole or not at all, and a part
 * sent again after a lost answer is refused by its offset rather than stored twice. When the last
 * byte arrives the whole file's SHA-256 is checked against the one it was started with.
 */
import { createHash, randomUUID } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsFrom } from '../../src/lib/domain/app-settings';
import { APP_SETTINGS_KEY } from '../../src/lib/domain/settings-keys';
import {
	UPLOAD_PART_BYTES,
	uploadSizeProblem,
	type UploadRequest,
	type UploadStatus
} from '../../src/lib/domain/uploads';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { readSetting } from './settings';

/** An upload never finished is deleted this long after it was started (at the next create). */
export const UNFINISHED_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** Parts read at a time to check or read a file: a few MiB in memory, not the whole file. */
const PARTS_PER_READ = 8;

interface UploadRow {
	id: string;
	name: string;
	size: number | string;
	sha256: string;
	received: number | string;
	completed_at: Date | string | null;
}

const statusOf = (row: UploadRow): UploadStatus => ({
	id: row.id,
	name: row.name,
	size: Number(row.size),
	received: Number(row.received),
	completed: row.completed_at !== null
});

const notFound = (uploadId: string) =>
	new ApiFailure('NOT_FOUND', `There is no upload ${uploadId}: choose the file again`);

/**
 * Starts an upload of a file the request describes (judged by domain/uploads.ts already), held
 * to the site's Maximum CSV size. Unfinished uploads of the site older than a day go first.
 */
export async function createUpload(
	db: SqlQueryable,
	admin: Admin,
	request: UploadRequest,
	now: Date = new Date()
): Promise<UploadStatus> {
	const { maxCsvMb } = settingsFrom(await readSetting(db, admin.siteId, APP_SETTINGS_KEY));
	const tooLarge = uploadSizeProblem(request.size, maxCsvMb);
	if (tooLarge)
		throw new ApiFailure('FILE_TOO_LARGE', tooLarge, {
			detail: { size: request.size, maxBytes: maxCsvMb * 1024 * 1024 }
		});
	await db.query(
		'DELETE FROM uploads WHERE site_id = $1 AND completed_at IS NULL AND created_at < $2',
		[admin.siteId, new Date(now.getTime() - UNFINISHED_UPLOAD_MS)]
	);
	const rows = await db.query<UploadRow>(
		`INSERT INTO uploads (site_id, id, admin_id, name, size, sha256, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7)
		 RETURNING id, name, size, sha256, received, completed_at`,
		[admin.siteId, randomUUID(), admin.id, request.name, request.size, request.sha256, now]
	);
	return statusOf(rows[0] as UploadRow);
}

async function uploadRow(
	db: SqlQueryable,
	siteId: string,
	uploadId: string,
	forUpdate = false
): Promise<UploadRow | undefined> {
	const rows = await db.query<UploadRow>(
		`SELECT id, name, size, sha256, received, completed_at FROM uploads
		 WHERE site_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
		[siteId, uploadId]
	);
	return rows[0];
}

/** How far an upload of the site has got, or undefined when the site has no such upload. */
export async function uploadStatus(
	db: SqlQueryable,
	siteId: string,
	uploadId: string
): Promise<UploadStatus | undefined> {
	const row = await uploadRow(db, siteId, uploadId);
	return row ? statusOf(row) : undefined;
}

/** The parts of an upload in order, a few at a time, each checked to follow the one before. */
async function* partsOf(db: SqlQueryable, siteId: string, uploadId: string) {
	let next = 0;
	for (;;) {
		const rows = await db.query<{ offset: number | string; bytes: Uint8Array }>(
			`SELECT "offset", bytes FROM upload_parts
			 WHERE site_id = $1 AND upload_id = $2 AND "offset" >= $3
			 ORDER BY "offset" LIMIT ${PARTS_PER_READ}`,
			[siteId, uploadId, next]
		);
		for (const row of rows) {
			if (Number(row.offset) !== next)
				throw new Error(`Upload ${uploadId} has a gap at byte ${next}`);
			next += row.bytes.byteLength;
			yield row.bytes;
		}
		if (rows.length < PARTS_PER_READ) return;
	}
}

async function sha256Of(db: SqlQueryable, siteId: string, uploadId: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const bytes of partsOf(db, siteId, uploadId)) hash.update(bytes);
	return hash.digest('hex');
}

/**
 * Stores the part of an upload that starts at `offset`, which must be where the bytes received
 * so far end (409 `UPLOAD_OFFSET` with `detail.received` otherwise: the browser asks how far it
 * got and goes on from there). The part and the new `received` are one transaction. The last
 * part also checks the whole file's SHA-256: a match completes the upload; a mismatch deletes
 * every part, so the file is sent again from byte 0, and answers 422 `CHECKSUM_MISMATCH`.
 */
export async function appendPart(
	db: SqlDatabase,
	siteId: string,
	uploadId: string,
	offset: number,
	bytes: Uint8Array,
	now: Date = new Date()
): Promise<UploadStatus> {
	const outcome = await db.transaction(async (tx) => {
		// The row's lock orders two parts sent at once: the second sees the first's `received`.
		const row = await uploadRow(tx, siteId, uploadId, true);
		if (!row) throw notFound(uploadId);
		const status = statusOf(row);
		if (status.completed || offset !== status.received)
			throw new ApiFailure(
				'UPLOAD_OFFSET',
				status.completed
					? 'This upload is complete already: nothing more is needed'
					: `This part starts at byte ${offset}, but the server has ${status.received} bytes of the file: send from byte ${status.received}`,
				{ detail: { received: status.received } }
			);
		if (bytes.byteLength === 0)
			throw new ApiFailure('INVALID_INPUT', 'The part is empty: send the bytes of the file');
		if (bytes.byteLength > UPLOAD_PART_BYTES)
			throw new ApiFailure(
				'PAYLOAD_TOO_LARGE',
				`A part may hold at most ${UPLOAD_PART_BYTES} bytes: send the file in smaller parts`
			);
		const received = offset + bytes.byteLength;
		if (received > status.size)
			throw new ApiFailure(
				'INVALID_INPUT',
				`This part ends at byte ${received}, past the ${status.size} bytes the upload was started with`,
				{ detail: { received: status.received } }
			);
		await tx.query(
			`INSERT INTO upload_parts (site_id, upload_id, "offset", bytes) VALUES ($1, $2, $3, $4)`,
			[siteId, uploadId, offset, bytes]
		);
		if (received < status.size) {
			await tx.query('UPDATE uploads SET received = $3 WHERE site_id = $1 AND id = $2', [
				siteId,
				uploadId,
				received
			]);
			return { ...status, received };
		}
		if ((await sha256Of(tx, siteId, uploadId)) !== row.sha256) {
			// Which part is wrong cannot be known: the file is sent again from the start.
			await tx.query('DELETE FROM upload_parts WHERE site_id = $1 AND upload_id = $2', [
				siteId,
				uploadId
			]);
			await tx.query('UPDATE uploads SET received = 0 WHERE site_id = $1 AND id = $2', [
				siteId,
				uploadId
			]);
			return 'mismatch' as const;
		}
		await tx.query(
			'UPDATE uploads SET received = $3, completed_at = $4 WHERE site_id = $1 AND id = $2',
			[siteId, uploadId, received, now]
		);
		return { ...status, received, completed: true };
	});
	// Thrown after the commit: the reset to byte 0 must stay.
	if (outcome === 'mismatch')
		throw new ApiFailure(
			'CHECKSUM_MISMATCH',
			'The file arrived different from the file chosen (its SHA-256 does not match): it may have changed while it was sent. Send it again from the start.',
			{ detail: { received: 0 } }
		);
	return outcome;
}

/** A completed upload, written out to a file of its own for as long as an import reads it. */
export interface SpooledUpload {
	/** Backed by that file, not by memory: a 100 MB upload costs the server no 100 MB. */
	file: Blob;
	/** Deletes the file; the Blob can no longer be read. */
	release(): Promise<void>;
}

/**
 * A completed upload's bytes, spooled from its parts to a temporary file, or undefined when the
 * site has no such upload or it is not complete. What an import on the server reads its file from.
 */
export async function readUpload(
	sql: SqlQueryable,
	siteId: string,
	uploadId: string
): Promise<SpooledUpload | undefined> {
	const row = await uploadRow(sql, siteId, uploadId);
	if (!row || row.completed_at === null) return undefined;
	const dir = await mkdtemp(join(tmpdir(), 'roster-upload-'));
	const release = () => rm(dir, { recursive: true, force: true });
	try {
		const path = join(dir, 'file');
		const out = await open(path, 'w');
		try {
			for await (const bytes of partsOf(sql, siteId, uploadId)) await out.write(bytes);
		} finally {
			await out.close();
		}
		return { file: await openAsBlob(path), release };
	} catch (error) {
		await release();
		throw error;
	}
}

/** The first `bytes` of a completed upload (its first part holds them), to tell what it is. */
export async function uploadHead(
	sql: SqlQueryable,
	siteId: string,
	uploadId: string,
	bytes: number
): Promise<Uint8Array | undefined> {
	const rows = await sql.query<{ head: Uint8Array }>(
		`SELECT substring(p.bytes FROM 1 FOR $3) AS head FROM uploads u
		 JOIN upload_parts p ON p.site_id = u.site_id AND p.upload_id = u.id AND p."offset" = 0
		 WHERE u.site_id = $1 AND u.id = $2 AND u.completed_at IS NOT NULL`,
		[siteId, uploadId, bytes]
	);
	return rows[0]?.head;
}

/** Deletes an upload and its parts; false when the site had no such upload. */
export async function deleteUpload(
	sql: SqlQueryable,
	siteId: string,
	uploadId: string
): Promise<boolean> {
	const rows = await sql.query('DELETE FROM uploads WHERE site_id = $1 AND id = $2 RETURNING 1', [
		siteId,
		uploadId
	]);
	return rows.length > 0;
}

/** Every upload of the site, for erasing it. */
export async function deleteSiteUploads(sql: SqlQueryable, siteId: string): Promise<void> {
	await sql.query('DELETE FROM uploads WHERE site_id = $1', [siteId]);
}

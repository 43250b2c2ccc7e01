import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ERASE_CONFIRMATION } from '../../src/lib/domain/erase';
import type { Admin } from '../auth/admins';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import { writeSiteBackup } from '../site/backup';
import { siteContents } from '../site/restore';
import { eraseSite } from '../site/erase';
import { restoreSite } from '../site/restore';

/** The media type a backup file is sent and received as: JSON, one value a line. */
export const BACKUP_MEDIA_TYPE = 'application/x-ndjson';

/**
 * The largest backup `POST /api/restore` takes. The file is spooled to disk, never held in
 * memory, so the bound is the one transaction that writes it: about a million users and their
 * cards fit well inside it.
 */
export const RESTORE_MAX_BYTES = 1024 * 1024 * 1024;

function ownerOnly(request: FastifyRequest, what: string): Admin {
	const admin = signedIn(request);
	if (admin.role !== 'owner')
		throw new ApiFailure('FORBIDDEN', `Only the site’s owner can ${what}`);
	return admin;
}

/** Copies the request body to a file, refusing it once it passes `limit` bytes. */
async function spool(body: Readable, path: string, limit: number): Promise<void> {
	let bytes = 0;
	const bounded = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			if (bytes > limit)
				done(
					new ApiFailure(
						'PAYLOAD_TOO_LARGE',
						`This backup is larger than ${limit / 1024 / 1024} MB, the most a restore takes. Nothing was changed.`
					)
				);
			else done(null, chunk);
		}
	});
	await pipeline(body, bounded, createWriteStream(path));
}

/**
 * Backup, restore and erase of the whole site (docs/architecture.md, "Backup, restore and erase
 * on the server"). Backing up is any admin's: it shows nothing an admin's replica does not
 * already hold. Restore and erase replace or destroy the site, so they are the owner's.
 */
export function backupRoutes(api: FastifyInstance, { db }: ServerContext) {
	// Its own scope: the body parser for backup files applies to these routes alone.
	void api.register((scope, _options, done) => {
		scope.addContentTypeParser(BACKUP_MEDIA_TYPE, (_request, payload, parsed) =>
			parsed(null, payload)
		);

		// What moving a browser-only site in asks first: is this site empty, and may I restore?
		scope.get('/site/contents', async (request) => {
			const admin = signedIn(request);
			return { ...(await siteContents(db, admin.siteId)), owner: admin.role === 'owner' };
		});

		scope.get('/backup', async (request, reply) => {
			const admin = signedIn(request);
			const now = Date.now();
			const file = await writeSiteBackup(db, admin.siteId, now);
			const stream = createReadStream(file.path);
			stream.once('close', () => void file.dispose());
			const day = new Date(now).toISOString().slice(0, 10);
			return reply
				.header('Content-Type', `${BACKUP_MEDIA_TYPE}; charset=utf-8`)
				.header('Content-Length', String(file.size))
				.header('Content-Disposition', `attachment; filename="roster-backup-${day}.json"`)
				.send(stream);
		});

		scope.post('/restore', async (request) => {
			const admin = ownerOnly(request, 'restore a backup');
			if (!request.headers['content-type']?.startsWith(BACKUP_MEDIA_TYPE))
				throw new ApiFailure(
					'UNSUPPORTED_MEDIA_TYPE',
					`Send the backup file as ${BACKUP_MEDIA_TYPE}.`
				);
			const dir = await mkdtemp(join(tmpdir(), 'roster-restore-'));
			try {
				const path = join(dir, 'backup.json');
				await spool(request.body as Readable, path, RESTORE_MAX_BYTES);
				return await restoreSite(db, admin, await openAsBlob(path));
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		});

		scope.post<{ Body: { confirm: string } }>(
			'/erase',
			{
				schema: {
					body: {
						type: 'object',
						additionalProperties: false,
						required: ['confirm'],
						properties: { confirm: { type: 'string' } }
					}
				}
			},
			async (request) => {
				const admin = ownerOnly(request, 'erase the site');
				if (request.body.confirm !== ERASE_CONFIRMATION)
					throw new ApiFailure(
						'INVALID_INPUT',
						`Type ${ERASE_CONFIRMATION} to confirm that every user and card of the site is to be erased.`
					);
				return eraseSite(db, admin.siteId);
			}
		);
		done();
	});
}

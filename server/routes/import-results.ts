/**
 * The results of an import that ran on the server (docs/architecture.md, "Result files and
 * Complete"): they belong to the site, so every admin downloads the same two files, until someone
 * clicks Complete, which deletes them for everyone. Every route needs a session and sees its own
 * site's jobs only; Complete passes the origin check of every /api write.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import { getJob, type ImportJob } from '../import/jobs';
import { announceJob } from '../import/job-feed';
import { resultFileName } from '../../src/lib/domain/result-files';
import { RESULT_KINDS, resultFileText } from '../import/result-files';
import { releaseLease } from '../site/import-lease';
import { deleteUpload } from '../site/uploads';
import { lockSiteForWrite } from '../site/versions';

const ID_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }
} as const;

const noSuchImport = (id: string) =>
	new ApiFailure('NOT_FOUND', `The site has no import ${id}: it may have been completed.`);

/** A job being run or undone: its results are still changing. */
const busy = (job: ImportJob) => job.status === 'running' || job.status === 'undoing';

const stillBusy = (job: ImportJob, what: string) =>
	new ApiFailure(
		'IMPORT_IN_PROGRESS',
		`The import of ${job.fileName} is ${job.status === 'running' ? 'still running' : 'being undone'}: ${what} once it ends.`
	);

/**
 * `attachment` with the name twice: plain ASCII for old clients, and RFC 5987 UTF-8 for the
 * file's own name (`Müller.csv`). Neither can carry a quote or a line break into the header.
 */
export function attachment(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function importResultRoutes(api: FastifyInstance, { db }: ServerContext) {
	for (const kind of RESULT_KINDS) {
		api.get<{ Params: { id: string } }>(
			`/imports/:id/results/${kind}.csv`,
			{ schema: { params: ID_PARAMS } },
			async (request, reply) => {
				const { siteId } = signedIn(request);
				const job = await getJob(db, siteId, request.params.id);
				if (!job) throw noSuchImport(request.params.id);
				if (busy(job)) throw stillBusy(job, 'its result files can be downloaded');
				return reply
					.header('Content-Type', 'text/csv; charset=utf-8')
					.header('Content-Disposition', attachment(resultFileName(job.fileName, kind, utcDay())))
					.send(Readable.from(resultFileText(db, job, kind), { objectMode: false }));
			}
		);
	}

	// Complete: the job's results, journal (Undo is no longer possible), row and upload go in one
	// transaction, for every admin. The site's lock orders it with a Resume or Undo claiming it.
	api.delete<{ Params: { id: string } }>(
		'/imports/:id',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const { siteId } = signedIn(request);
			await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, siteId);
				const job = await getJob(tx, siteId, request.params.id);
				if (!job) throw noSuchImport(request.params.id);
				if (busy(job)) throw stillBusy(job, 'it can be completed');
				const key = [siteId, job.id];
				await tx.query('DELETE FROM import_job_results WHERE site_id = $1 AND job_id = $2', key);
				await tx.query('DELETE FROM import_job_journal WHERE site_id = $1 AND job_id = $2', key);
				await tx.query('DELETE FROM import_jobs WHERE site_id = $1 AND id = $2', key);
				await announceJob(tx, siteId, job.id);
				// An interrupted job may still hold the site until its lease lapses: completed, it lets go.
				await releaseLease(tx, siteId, job.id);
				// The same upload may be another job's file still (started again after an undo).
				const others = await tx.query(
					'SELECT 1 FROM import_jobs WHERE site_id = $1 AND upload_id = $2 LIMIT 1',
					[siteId, job.uploadId]
				);
				if (others.length === 0) await deleteUpload(tx, siteId, job.uploadId);
			});
			return reply.code(204).send();
		}
	);
}

/** Today in UTC: the server does not know the admin's time zone (the browser uses its own day). */
const utcDay = (): string => new Date().toISOString().slice(0, 10);

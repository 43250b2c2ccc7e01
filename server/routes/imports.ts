/**
 * Imports that run on the site server (docs/architecture.md, "Imports on the server"): start one
 * from an upload with the settings and mapping the browser's Configure chose, follow it, resume,
 * cancel or undo it. Every route needs a session and sees its own site's jobs only; the writes
 * pass the origin check of every /api write.
 */
import type { FastifyInstance } from 'fastify';
import { SNIFF_BYTES, isWorkbookHead } from '../../src/lib/domain/file-sniff';
import { validateImportSettings, type ImportSettings } from '../../src/lib/domain/import-settings';
import type { Mapping } from '../../src/lib/domain/mapping';
import { NAME_ORDERS } from '../../src/lib/domain/name-parts';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import { getJob, jobView, listJobs } from '../import/jobs';
import type { ImportRunner } from '../import/runner';
import { uploadHead, uploadStatus } from '../site/uploads';

interface StartBody {
	uploadId: string;
	encoding?: string;
	bomLength?: number;
	delimiter?: string;
	settings: ImportSettings;
	mapping: Mapping;
	/** The file's data rows, as the browser's dry run counted them ("N of M rows"). */
	totalRows?: number;
}

const START_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	required: ['uploadId', 'settings', 'mapping'],
	properties: {
		uploadId: { type: 'string', minLength: 1, maxLength: 100 },
		encoding: { type: 'string', minLength: 1, maxLength: 40 },
		bomLength: { type: 'integer', minimum: 0, maximum: 4 },
		delimiter: { type: 'string', minLength: 1, maxLength: 1 },
		settings: { type: 'object' },
		mapping: {
			type: 'object',
			// Each field's column, or None; the name parts' order, when they are joined into Name.
			properties: { nameOrder: { type: 'string', enum: NAME_ORDERS } },
			additionalProperties: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] }
		},
		totalRows: { type: 'integer', minimum: 0 }
	}
} as const;

const ID_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }
} as const;

const noSuchImport = (id: string) =>
	new ApiFailure('NOT_FOUND', `The site has no import ${id}: it may have been completed.`);

function checkedEncoding(encoding: string): string {
	try {
		return new TextDecoder(encoding).encoding;
	} catch {
		throw new ApiFailure('INVALID_INPUT', `"${encoding}" is not an encoding the server can read.`);
	}
}

export function importRoutes(api: FastifyInstance, { db }: ServerContext, runner: ImportRunner) {
	api.post<{ Body: StartBody }>(
		'/imports',
		{ schema: { body: START_SCHEMA } },
		async (request, reply) => {
			const admin = signedIn(request);
			const body = request.body;
			const settings = validateImportSettings(body.settings);
			if (!settings.ok) throw new ApiFailure('INVALID_INPUT', settings.errors.join(' '));
			const status = await uploadStatus(db, admin.siteId, body.uploadId);
			const head = status?.completed
				? await uploadHead(db, admin.siteId, body.uploadId, SNIFF_BYTES)
				: undefined;
			if (!status || !head)
				throw new ApiFailure(
					'NOT_FOUND',
					status
						? `The upload of ${status.name} is not complete: send the rest of the file first.`
						: `There is no upload ${body.uploadId}: choose the file again.`
				);
			if (isWorkbookHead(head))
				throw new ApiFailure(
					'UNSUPPORTED_MEDIA_TYPE',
					`${status.name} is an Excel workbook: for now a workbook is imported in the browser, not on the server. Import it from this browser, or save it as CSV UTF-8 and upload that.`
				);
			const job = await runner.start(admin, {
				uploadId: body.uploadId,
				fileName: status.name,
				settings: {
					encoding: checkedEncoding(body.encoding ?? 'utf-8'),
					bomLength: body.bomLength ?? 0,
					delimiter: body.delimiter ?? ',',
					settings: settings.value,
					mapping: body.mapping
				},
				...(body.totalRows === undefined ? {} : { totalRows: body.totalRows })
			});
			return reply.code(202).send({ id: job.id, import: jobView(job) });
		}
	);

	api.get('/imports', async (request) => {
		const { siteId } = signedIn(request);
		return { imports: (await listJobs(db, siteId)).map(jobView) };
	});

	api.get<{ Params: { id: string } }>(
		'/imports/:id',
		{ schema: { params: ID_PARAMS } },
		async (request) => {
			const { siteId } = signedIn(request);
			const job = await getJob(db, siteId, request.params.id);
			if (!job) throw noSuchImport(request.params.id);
			return jobView(job);
		}
	);

	api.post<{ Params: { id: string } }>(
		'/imports/:id/resume',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const admin = signedIn(request);
			const job = await runner.resume(admin, request.params.id);
			return reply.code(202).send(jobView(job));
		}
	);

	api.post<{ Params: { id: string } }>(
		'/imports/:id/cancel',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const { siteId } = signedIn(request);
			const job = await getJob(db, siteId, request.params.id);
			if (!job) throw noSuchImport(request.params.id);
			if (!(await runner.cancel(siteId, job.id)))
				throw new ApiFailure(
					'INVALID_INPUT',
					`The import of ${job.fileName} has ${job.status}: there is nothing to cancel.`
				);
			return reply.code(202).send(jobView((await getJob(db, siteId, job.id)) ?? job));
		}
	);

	api.post<{ Params: { id: string } }>(
		'/imports/:id/undo',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const admin = signedIn(request);
			const job = await runner.undo(admin, request.params.id);
			return reply.code(202).send(jobView(job));
		}
	);
}

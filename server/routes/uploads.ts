import type { FastifyError, FastifyInstance } from 'fastify';
import { UPLOAD_PART_BYTES, validateUploadRequest } from '../../src/lib/domain/uploads';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import { appendPart, createUpload, uploadStatus } from '../site/uploads';

/** The media type a part of an upload is sent as: the file's bytes as they are. */
export const UPLOAD_PART_MEDIA_TYPE = 'application/octet-stream';

const UPLOAD_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }
} as const;

/**
 * A CSV file sent once for an import on the server (docs/architecture.md, "Uploads"): start it
 * with the file's name, size and SHA-256, send its parts in order, ask how far it got after a
 * lost answer. Every route needs a session and sees its own site's uploads only; the writes pass
 * the origin check of every /api write.
 */
export function uploadRoutes(api: FastifyInstance, { db }: ServerContext) {
	// Its own scope: the parser for a part's bytes applies to these routes alone.
	void api.register((scope, _options, done) => {
		// A part over the limit is refused by Fastify before the route runs (its Content-Length, or
		// the bytes as they stream in): answered here in the upload's words, the rest by the API's handler.
		scope.setErrorHandler((error: FastifyError) => {
			if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
			throw new ApiFailure(
				'PAYLOAD_TOO_LARGE',
				`A part of an upload may hold at most ${UPLOAD_PART_BYTES} bytes (1 MiB): send the file in parts no larger than that`
			);
		});
		scope.addContentTypeParser(
			UPLOAD_PART_MEDIA_TYPE,
			{ parseAs: 'buffer', bodyLimit: UPLOAD_PART_BYTES },
			(_request, body, parsed) => parsed(null, body)
		);

		// The body is judged by the shared rules, whose messages say what is wrong with the file.
		scope.post<{ Body: unknown }>(
			'/uploads',
			{ schema: { body: { type: 'object' } } },
			async (request, reply) => {
				const admin = signedIn(request);
				const judged = validateUploadRequest(request.body);
				if (!judged.ok)
					throw new ApiFailure('INVALID_INPUT', judged.errors.join(' '), {
						detail: { problems: judged.errors }
					});
				const upload = await createUpload(db, admin, judged.value);
				return reply.code(201).send({ id: upload.id, received: upload.received });
			}
		);

		scope.get<{ Params: { id: string } }>(
			'/uploads/:id',
			{ schema: { params: UPLOAD_PARAMS } },
			async (request) => {
				const { siteId } = signedIn(request);
				const status = await uploadStatus(db, siteId, request.params.id);
				if (!status)
					throw new ApiFailure(
						'NOT_FOUND',
						`There is no upload ${request.params.id}: choose the file again`
					);
				return status;
			}
		);

		scope.put<{ Params: { id: string }; Querystring: { offset: string }; Body: Buffer }>(
			'/uploads/:id',
			{
				bodyLimit: UPLOAD_PART_BYTES,
				schema: {
					params: UPLOAD_PARAMS,
					// Query strings arrive as text and ajv does not coerce (see app.ts): digits, then Number.
					querystring: {
						type: 'object',
						additionalProperties: false,
						required: ['offset'],
						properties: { offset: { type: 'string', pattern: '^[0-9]{1,15}$' } }
					}
				},
				// Before the body is read, so another type is refused in this route's own words.
				preParsing: (request, _reply, payload, done) => {
					const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
					if (type === UPLOAD_PART_MEDIA_TYPE) return done(null, payload);
					done(
						new ApiFailure(
							'UNSUPPORTED_MEDIA_TYPE',
							`Send a part of an upload as ${UPLOAD_PART_MEDIA_TYPE}, the file's bytes as they are.`
						)
					);
				}
			},
			async (request) => {
				const { siteId } = signedIn(request);
				const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
				return appendPart(db, siteId, request.params.id, Number(request.query.offset), bytes);
			}
		);
		done();
	});
}

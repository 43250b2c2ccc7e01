import type { FastifyInstance } from 'fastify';
import { MAX_IMAGE_MB_LIMIT } from '../../src/lib/domain/app-settings';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import {
	IMAGE_TYPES,
	readUserImage,
	removeUserImage,
	setUserImage,
	type ImageType
} from '../site/images';
import { putSetting } from '../site/settings';
import { lockSiteForWrite } from '../site/versions';

/**
 * The photo and its thumbnail arrive together as base64 in one JSON body: one request is one
 * transaction (never a photo without its thumbnail), the origin check and JSON schema apply as to
 * every other write, and no multipart parser is needed. Base64 costs a third more bytes on photos
 * the browser has already resized to 512 px. The body may hold the highest limit Settings allow;
 * the site's own limit is checked on the decoded bytes.
 */
const IMAGE_BODY_LIMIT = Math.ceil(MAX_IMAGE_MB_LIMIT * 1024 * 1024 * 2 * (4 / 3)) + 4096;
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';

interface ImageBody {
	contentType: ImageType;
	image: string;
	thumbnail: string;
	width: number;
	height: number;
}

const IMAGE_BODY_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	required: ['contentType', 'image', 'thumbnail', 'width', 'height'],
	properties: {
		contentType: { type: 'string' },
		image: { type: 'string', minLength: 1, pattern: BASE64 },
		thumbnail: { type: 'string', minLength: 1, pattern: BASE64 },
		width: { type: 'integer', minimum: 1, maximum: 4096 },
		height: { type: 'integer', minimum: 1, maximum: 4096 }
	}
} as const;

const USER_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 200 } }
} as const;

/** Users' photos and the site's settings: written here, read back by replicas through the feed. */
export function siteFileRoutes(api: FastifyInstance, { db }: ServerContext) {
	api.put<{ Params: { id: string }; Body: ImageBody }>(
		'/users/:id/image',
		{ bodyLimit: IMAGE_BODY_LIMIT, schema: { params: USER_PARAMS, body: IMAGE_BODY_SCHEMA } },
		async (request) => {
			const admin = signedIn(request);
			const { contentType, image, thumbnail, width, height } = request.body;
			if (!(IMAGE_TYPES as readonly string[]).includes(contentType))
				throw new ApiFailure(
					'UNSUPPORTED_MEDIA_TYPE',
					`A photo must be JPEG, PNG or WebP, not ${contentType}`
				);
			const upload = {
				contentType,
				width,
				height,
				image: Buffer.from(image, 'base64'),
				thumbnail: Buffer.from(thumbnail, 'base64')
			};
			const record = await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, admin.siteId);
				return setUserImage(tx, admin, request.params.id, upload, Date.now());
			});
			return { image: record };
		}
	);

	api.delete<{ Params: { id: string } }>(
		'/users/:id/image',
		{ schema: { params: USER_PARAMS } },
		async (request, reply) => {
			const admin = signedIn(request);
			await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, admin.siteId);
				await removeUserImage(tx, admin, request.params.id);
			});
			return reply.code(204).send();
		}
	);

	for (const size of ['image', 'thumbnail'] as const)
		api.get<{ Params: { id: string } }>(
			`/users/:id/${size}`,
			{ schema: { params: USER_PARAMS } },
			async (request, reply) => {
				const { siteId } = signedIn(request);
				const stored = await readUserImage(db, siteId, request.params.id, size);
				if (!stored) throw new ApiFailure('NOT_FOUND', `User ${request.params.id} has no photo`);
				// Private: a shared cache must never hold a person's photo (the /api default is no-store).
				return reply
					.header('Cache-Control', 'private, max-age=0, must-revalidate')
					.header('ETag', `"${stored.version}"`)
					.type(stored.contentType)
					.send(Buffer.from(stored.bytes));
			}
		);

	api.put<{ Params: { key: string }; Body: { value: unknown } }>(
		'/settings/:key',
		{
			schema: {
				params: {
					type: 'object',
					required: ['key'],
					properties: { key: { type: 'string', minLength: 1, maxLength: 220 } }
				},
				body: {
					type: 'object',
					additionalProperties: false,
					required: ['value'],
					properties: { value: {} }
				}
			}
		},
		async (request) => {
			const admin = signedIn(request);
			const setting = await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, admin.siteId);
				return putSetting(tx, admin, request.params.key, request.body.value);
			});
			return { setting };
		}
	);
}

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import { signedIn } from '../http/session-guard';
import { readUserImage } from '../site/images';

const USER_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 1000 } }
} as const;

/**
 * Users' photos as bytes, for the replicas: the feed carries only a photo's small record, and a
 * replica fetches both sizes once its page has committed. Photos are written by the `image.put`
 * and `image.remove` mutations (site/mutations.ts), like every other write of the site.
 */
export function siteFileRoutes(api: FastifyInstance, { db }: ServerContext) {
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
}

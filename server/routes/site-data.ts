import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { signedIn } from '../http/session-guard';
import type { Mutation } from '../../src/lib/domain/mutations';
import { applyMutation, MUTATION_SCHEMA } from '../site/mutations';
import { feedPageText, siteHead } from '../site/versions';

/** The largest mutation body: a records write of a 5 000-row chunk is about 3 MB. */
export const MUTATION_BODY_LIMIT = 32 * 1024 * 1024;

/** The most changes one page of the feed holds. */
export const CHANGES_PAGE_MAX = 5_000;

/** The replica's two ways in: the feed of changes, and mutations. */
export function siteDataRoutes(api: FastifyInstance, { db }: ServerContext) {
	// Query strings arrive as text and ajv is told not to coerce (see app.ts): digits, then Number.
	api.get<{ Querystring: { since: string; limit?: string } }>(
		'/changes',
		{
			schema: {
				querystring: {
					type: 'object',
					additionalProperties: false,
					required: ['since'],
					properties: {
						since: { type: 'string', pattern: '^[0-9]{1,15}$' },
						limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' }
					}
				}
			}
		},
		async (request, reply) => {
			const { siteId } = signedIn(request);
			const since = Number(request.query.since);
			const limit = Math.min(Number(request.query.limit ?? 1_000), CHANGES_PAGE_MAX);
			// Read the head first: a change committed after it is in the next page, never lost.
			// `epoch` tells a replica whether its records are of this site's data at all: it moves
			// when the site is erased, and a replica of another epoch drops its copy (see erase.ts).
			const { version, epoch } = await siteHead(db, siteId);
			const { changesJson, last } = await feedPageText(db, siteId, since, limit);
			const cursor = last ?? since;
			// The changes are JSON text already (see feedPageText): the rest is written around them.
			return reply
				.type('application/json; charset=utf-8')
				.send(
					`{"changes":${changesJson},"cursor":${cursor},"version":${version},"epoch":${epoch},"more":${cursor < version}}`
				);
		}
	);

	api.post<{ Body: Mutation }>(
		'/mutations',
		// A records write carries a whole chunk of an import (a few thousand users and cards).
		{ schema: { body: MUTATION_SCHEMA }, bodyLimit: MUTATION_BODY_LIMIT },
		async (request, reply) => {
			const answer = await applyMutation(db, signedIn(request), request.body);
			return reply.code(answer.status).send(answer.body);
		}
	);
}

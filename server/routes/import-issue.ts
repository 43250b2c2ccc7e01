/**
 * Card issuing of a server import's users (docs/architecture.md, "Card issuing on the server"):
 * `POST /api/imports/:id/issue-cards` → 202 with the job's view, the issuing going on in the
 * runner's background under the site's lease. Session, site and origin are checked as on every
 * import route.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { signedIn } from '../http/session-guard';
import { jobView } from '../import/jobs';
import type { ImportRunner } from '../import/runner';

const ID_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }
} as const;

export function importIssueRoutes(
	api: FastifyInstance,
	_context: ServerContext,
	runner: ImportRunner
) {
	api.post<{ Params: { id: string } }>(
		'/imports/:id/issue-cards',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const admin = signedIn(request);
			const job = await runner.issueCards(admin, request.params.id);
			return reply.code(202).send(jobView(job));
		}
	);
}

import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../auth/password';
import { isSetUp, setUpSite } from '../auth/admins';
import { createSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { setSessionCookie } from '../http/session-guard';
import { ADMIN_INPUT_SCHEMA, parseAdminInput, type AdminInput } from './admin-input';

/** First start: whether the site has an owner yet, and creating that owner. */
export function setupRoutes(api: FastifyInstance, { db, secureCookies }: ServerContext) {
	api.get('/setup', { config: { public: true } }, async () => ({ setUp: await isSetUp(db) }));

	api.post<{ Body: AdminInput & { siteName?: string } }>(
		'/setup',
		{ config: { public: true }, schema: { body: ADMIN_INPUT_SCHEMA } },
		async (request, reply) => {
			const input = parseAdminInput(request.body);
			const siteName = request.body.siteName?.trim() || 'Roster';
			const owner = await setUpSite(db, siteName, {
				name: input.name,
				email: input.email,
				passwordHash: await hashPassword(input.password)
			});
			setSessionCookie(reply, await createSession(db, owner.id), secureCookies);
			return reply.code(201).send({ admin: owner });
		}
	);
}

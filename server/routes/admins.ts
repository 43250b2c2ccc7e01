import type { FastifyInstance } from 'fastify';
import { insertAdmin, listAdmins, removeAdmin, setDisabled } from '../auth/admins';
import { hashPassword } from '../auth/password';
import type { ServerContext } from '../context';
import { requireOwner } from '../http/session-guard';
import { ADMIN_INPUT_SCHEMA, parseAdminInput, type AdminInput } from './admin-input';

const ID_PARAMS = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', format: 'uuid' } }
} as const;

/** The owner adds, disables and removes the site's admins. */
export function adminRoutes(api: FastifyInstance, { db }: ServerContext) {
	api.get('/admins', async (request) => {
		const owner = requireOwner(request);
		return { admins: await listAdmins(db, owner.siteId) };
	});

	api.post<{ Body: AdminInput & { owner?: boolean } }>(
		'/admins',
		{ schema: { body: ADMIN_INPUT_SCHEMA } },
		async (request, reply) => {
			const owner = requireOwner(request);
			const input = parseAdminInput(request.body);
			const admin = await insertAdmin(db, owner.siteId, {
				name: input.name,
				email: input.email,
				passwordHash: await hashPassword(input.password),
				role: request.body.owner ? 'owner' : 'admin'
			});
			return reply.code(201).send({ admin });
		}
	);

	api.patch<{ Params: { id: string }; Body: { disabled: boolean } }>(
		'/admins/:id',
		{
			schema: {
				params: ID_PARAMS,
				body: {
					type: 'object',
					required: ['disabled'],
					additionalProperties: false,
					properties: { disabled: { type: 'boolean' } }
				}
			}
		},
		async (request) => {
			const owner = requireOwner(request);
			const admin = await setDisabled(db, owner.siteId, request.params.id, request.body.disabled);
			return { admin };
		}
	);

	api.delete<{ Params: { id: string } }>(
		'/admins/:id',
		{ schema: { params: ID_PARAMS } },
		async (request, reply) => {
			const owner = requireOwner(request);
			await removeAdmin(db, owner.siteId, request.params.id);
			return reply.code(204).send();
		}
	);
}

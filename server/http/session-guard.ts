import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SqlDatabase } from '../db/sql';
import { adminOfSession, SESSION_DAYS } from '../auth/sessions';
import type { Admin } from '../auth/admins';
import { ApiFailure } from './api-failure';

export const SESSION_COOKIE = 'roster_session';

declare module 'fastify' {
	interface FastifyRequest {
		/** The signed-in admin; set for every /api route that is not public. */
		admin: Admin | null;
	}
	interface FastifyContextConfig {
		/** Setup and sign-in are the only routes that answer without a session. */
		public?: boolean;
	}
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
	reply.setCookie(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'strict',
		secure,
		path: '/',
		maxAge: SESSION_DAYS * 24 * 60 * 60
	});
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
	reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Every /api request needs a session unless its route says it is public, so a route added
 * later, or a path with no route at all, answers 401 until someone signs in.
 */
export function guardApi(api: FastifyInstance, db: SqlDatabase) {
	api.decorateRequest('admin', null);
	api.addHook('onRequest', async (request: FastifyRequest) => {
		if (request.routeOptions.config.public) return;
		const token = request.cookies[SESSION_COOKIE];
		const admin = token ? await adminOfSession(db, token) : null;
		if (!admin) throw new ApiFailure('UNAUTHENTICATED', 'Sign in to Roster to continue');
		request.admin = admin;
	});
}

/** The signed-in admin of a guarded route. */
export function signedIn(request: FastifyRequest): Admin {
	if (!request.admin) throw new ApiFailure('UNAUTHENTICATED', 'Sign in to Roster to continue');
	return request.admin;
}

export function requireOwner(request: FastifyRequest): Admin {
	const admin = signedIn(request);
	if (admin.role !== 'owner')
		throw new ApiFailure('FORBIDDEN', 'Only the site’s owner can manage admins');
	return admin;
}

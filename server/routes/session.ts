import type { FastifyInstance } from 'fastify';
import { adminForSignIn, normaliseEmail, theSite } from '../auth/admins';
import {
	clearFailures,
	failureDelayMs,
	recentFailures,
	recordFailure,
	retryAfterSeconds
} from '../auth/login-throttle';
import { UNKNOWN_ADMIN_HASH, verifyPassword } from '../auth/password';
import { createSession, endSession, endSessionsOf } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ApiFailure } from '../http/api-failure';
import {
	clearSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	signedIn
} from '../http/session-guard';

const SIGN_IN_SCHEMA = {
	type: 'object',
	required: ['email', 'password'],
	additionalProperties: false,
	properties: {
		email: { type: 'string', maxLength: 1000 },
		password: { type: 'string', maxLength: 1000 }
	}
} as const;

/** Signing in and out, and who is signed in. */
export function sessionRoutes(
	api: FastifyInstance,
	{ db, secureCookies, slowDown }: ServerContext
) {
	api.post<{ Body: { email: string; password: string } }>(
		'/session',
		{ config: { public: true }, schema: { body: SIGN_IN_SCHEMA } },
		async (request, reply) => {
			const email = normaliseEmail(request.body.email);
			const failures = await recentFailures(db, email, request.ip);
			const wait = retryAfterSeconds(failures);
			if (wait > 0)
				throw new ApiFailure(
					'TOO_MANY_ATTEMPTS',
					`Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes, or ask the site’s owner to check your account.`,
					{ headers: { 'Retry-After': String(wait) } }
				);
			const admin = await adminForSignIn(db, email);
			const matches = await verifyPassword(
				request.body.password,
				admin?.passwordHash ?? (await UNKNOWN_ADMIN_HASH)
			);
			if (!admin || !matches || admin.disabled) {
				await recordFailure(db, email, request.ip);
				await slowDown(failureDelayMs(failures.byEmail + 1));
				// One answer for every reason, so it tells nobody which emails have accounts.
				throw new ApiFailure(
					'WRONG_CREDENTIALS',
					'That email and password do not match an active admin of this site'
				);
			}
			await clearFailures(db, email);
			setSessionCookie(reply, await createSession(db, admin.id), secureCookies);
			const { passwordHash: _hash, ...shown } = admin;
			return { admin: shown };
		}
	);

	api.get('/session', async (request) => {
		const admin = signedIn(request);
		return { admin, site: await theSite(db) };
	});

	api.delete('/session', async (request, reply) => {
		const token = request.cookies[SESSION_COOKIE];
		if (token) await endSession(db, token);
		clearSessionCookie(reply, secureCookies);
		return reply.code(204).send();
	});

	/** Sign out everywhere: every session of this admin, on every device. */
	api.delete('/sessions', async (request, reply) => {
		await endSessionsOf(db, signedIn(request).id);
		clearSessionCookie(reply, secureCookies);
		return reply.code(204).send();
	});
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiFailure } from './api-failure';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The app's Content-Security-Policy as a header. SvelteKit writes it into index.html as a meta
 * tag with the hashes of its inline scripts; a header can also carry `frame-ancestors`, which
 * browsers ignore in a meta tag. Without a build, a policy that allows nothing to frame the API.
 */
export async function contentSecurityPolicy(staticDir: string | undefined): Promise<string> {
	const fallback = "default-src 'none'; frame-ancestors 'none'";
	if (!staticDir) return fallback;
	const html = await readFile(join(staticDir, 'index.html'), 'utf8').catch(() => '');
	const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
	if (!meta) return fallback;
	const directives = meta
		.split(';')
		.map((part) => part.trim())
		.filter((part) => part && !part.startsWith('frame-ancestors'));
	return [...directives, "frame-ancestors 'none'"].join('; ');
}

/**
 * Headers every answer carries; `/api` answers are never cached, by the browser or a proxy, unless
 * the route says how (a user's photo: `private`, so only the signed-in browser keeps it).
 */
export function addSecurityHeaders(app: FastifyInstance, policy: string) {
	app.addHook('onSend', async (request, reply) => {
		reply.header('Content-Security-Policy', policy);
		reply.header('X-Content-Type-Options', 'nosniff');
		reply.header('Referrer-Policy', 'no-referrer');
		reply.header('X-Frame-Options', 'DENY');
		reply.header('Cross-Origin-Opener-Policy', 'same-origin');
		if (request.url.startsWith('/api') && !reply.hasHeader('Cache-Control'))
			reply.header('Cache-Control', 'no-store');
	});
}

/**
 * A write must come from the app's own pages: its Origin is this server, or the browser says
 * the request is same-origin. SameSite=Strict cookies already stop most cross-site writes; this
 * stops the rest (a sibling subdomain, an old browser) before any route runs.
 */
export function crossOriginRefusal(request: FastifyRequest): ApiFailure | undefined {
	if (SAFE_METHODS.has(request.method)) return undefined;
	const origin = request.headers.origin;
	const expected = `${request.protocol}://${request.host}`;
	const sameOrigin = origin
		? origin === expected
		: request.headers['sec-fetch-site'] === 'same-origin';
	return sameOrigin
		? undefined
		: new ApiFailure(
				'ORIGIN_REFUSED',
				'This change did not come from Roster’s own pages, so it was refused'
			);
}

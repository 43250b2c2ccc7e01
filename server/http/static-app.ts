import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built PWA. Hashed files under `_app/immutable` never change and are cached for a year;
 * everything else (index.html, the service worker, the manifest) is revalidated on every load,
 * so an update reaches the admins at their next visit. Paths that are not files are the SPA's
 * routes and get index.html.
 */
export async function serveApp(app: FastifyInstance, staticDir: string) {
	if (!existsSync(join(staticDir, 'index.html')))
		throw new Error(`No built app in ${staticDir}: run \`npm run build\` first`);
	await app.register(fastifyStatic, {
		root: staticDir,
		wildcard: false,
		setHeaders(res, path) {
			res.header(
				'Cache-Control',
				path.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
			);
		}
	});
	app.setNotFoundHandler(async (request, reply) => {
		const wantsPage = request.method === 'GET' || request.method === 'HEAD';
		if (!wantsPage || request.url.startsWith('/api'))
			return reply.code(404).send({ code: 'NOT_FOUND', message: 'There is nothing here' });
		return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
	});
}

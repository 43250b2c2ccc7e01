import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerContext } from './context';
import { ApiFailure } from './http/api-failure';
import { handleErrors } from './http/errors';
import { addSecurityHeaders, contentSecurityPolicy, crossOriginRefusal } from './http/security';
import { guardApi } from './http/session-guard';
import { serveApp } from './http/static-app';
import { adminRoutes } from './routes/admins';
import { backupRoutes } from './routes/backup';
import { sessionRoutes } from './routes/session';
import { setupRoutes } from './routes/setup';
import { siteDataRoutes } from './routes/site-data';
import { siteFileRoutes } from './routes/site-files';
import { eventRoutes } from './routes/events';
import { uploadRoutes } from './routes/uploads';
import { startChangeNotifier } from './site/change-notifier';
import { ImportRunner } from './import/runner';
import { importRoutes } from './routes/imports';
import { importIssueRoutes } from './routes/import-issue';
import { importResultRoutes } from './routes/import-results';
import { readUpload } from './site/uploads';

declare module 'fastify' {
	interface FastifyInstance {
		/** The runner of the site's imports on this server process. */
		imports: ImportRunner;
	}
}

export interface AppOptions extends ServerContext {
	/** The built PWA to serve (`build/`); without it the server is the API alone (tests). */
	staticDir?: string;
	fastify?: FastifyServerOptions;
	/** Awaited before an import job reads its file: browser tests hold a run at its start. */
	beforeImportRuns?: () => Promise<void>;
}

/** The Roster server: the API under /api and the PWA around it (docs/architecture.md, "The site server"). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
	const { staticDir, fastify, beforeImportRuns, ...context } = options;
	const app = Fastify({
		// Event streams never go idle: closing the server must not wait for them.
		forceCloseConnections: true,
		...fastify,
		// Refuse what does not fit a schema rather than repair it: an unknown property or a number
		// where text belongs is a 400 with a code, not a silently altered request.
		ajv: {
			customOptions: {
				removeAdditional: false,
				coerceTypes: false,
				allErrors: true,
				discriminator: true
			}
		}
	});
	handleErrors(app);
	addSecurityHeaders(app, await contentSecurityPolicy(staticDir));
	await app.register(fastifyCookie);
	const notifier = await startChangeNotifier(context.db);
	app.addHook('onClose', () => notifier.close());
	// Imports on the server (docs/architecture.md, "Imports on the server"): PGlite's data
	// directory is locked to this process, so every job still running there is an orphan.
	const imports = new ImportRunner(context.db, {
		fileOf: async (siteId, uploadId) => {
			await beforeImportRuns?.();
			return readUpload(context.db, siteId, uploadId);
		},
		exclusive: context.db.description.startsWith('PGlite'),
		log: (message, error) => app.log.error({ err: error }, message)
	});
	await imports.startUp();
	app.decorate('imports', imports);
	app.addHook('onClose', () => imports.close());

	await app.register(
		(api, _options, done) => {
			api.addHook('onRequest', (request, _reply, done) => done(crossOriginRefusal(request)));
			guardApi(api, context.db);
			setupRoutes(api, context);
			sessionRoutes(api, context);
			adminRoutes(api, context);
			siteDataRoutes(api, context);
			siteFileRoutes(api, context);
			backupRoutes(api, context);
			uploadRoutes(api, context);
			eventRoutes(api, context, notifier);
			importRoutes(api, context, imports);
			importIssueRoutes(api, context, imports);
			importResultRoutes(api, context);
			// Inside the guard: an unknown /api path answers 401 to a stranger, 404 to an admin.
			api.setNotFoundHandler((_request, reply) =>
				reply.code(404).send(new ApiFailure('NOT_FOUND', 'There is no such API route').toJSON())
			);
			done();
		},
		{ prefix: '/api' }
	);

	if (staticDir) await serveApp(app, staticDir);
	return app;
}

import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { adminOfSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { SESSION_COOKIE, signedIn } from '../http/session-guard';
import type { ChangeNotifier } from '../site/change-notifier';
import { currentVersion } from '../site/versions';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000;

const versionEvent = (version: number) => `event: version\ndata: ${version}\n\n`;

/**
 * Server-Sent Events: the site's version now, then each new one as it commits, so a replica
 * pulls `/api/changes` at once instead of polling. The session is checked again at every
 * event: a disabled or signed-out admin's stream ends at the next change.
 */
export function eventRoutes(api: FastifyInstance, { db }: ServerContext, notifier: ChangeNotifier) {
	api.get('/events', async (request, reply) => {
		const admin = signedIn(request);
		const token = request.cookies[SESSION_COOKIE] ?? '';
		const stream = new PassThrough();
		stream.write(`retry: 2000\n${versionEvent(await currentVersion(db, admin.siteId))}`);
		const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
		let ended = false;
		const end = () => {
			if (ended) return;
			ended = true;
			clearInterval(keepAlive);
			unsubscribe();
			stream.end();
		};
		const unsubscribe = notifier.subscribe(admin.siteId, (version) => {
			void adminOfSession(db, token).then(
				(still) => (still ? stream.write(versionEvent(version)) : end()),
				end
			);
		});
		request.raw.once('close', end);
		return reply
			.header('Content-Type', 'text/event-stream; charset=utf-8')
			.header('X-Accel-Buffering', 'no')
			.send(stream);
	});
}

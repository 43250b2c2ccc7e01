import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/open';

const config = readConfig();
const db = await openDatabase(config);
const app = await buildApp({
	db,
	staticDir: config.staticDir,
	secureCookies: Boolean(config.tls) || config.trustProxy,
	slowDown: (ms) => sleep(ms),
	fastify: {
		logger: { level: process.env.LOG_LEVEL ?? 'info' },
		trustProxy: config.trustProxy,
		...(config.tls ? { https: config.tls } : {})
	}
});

async function shutDown(signal: string) {
	app.log.info(`${signal}: closing`);
	await app.close();
	await db.close();
	process.exit(0);
}
process.once('SIGINT', () => void shutDown('SIGINT'));
process.once('SIGTERM', () => void shutDown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const scheme = config.tls ? 'https' : 'http';
app.log.info(`Roster at ${scheme}://${config.host}:${config.port} on ${db.description}`);

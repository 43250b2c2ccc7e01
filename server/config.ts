import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** How the server is started, from the environment (README, "Running a site"). */
export interface ServerConfig {
	port: number;
	host: string;
	/** The embedded database's folder, when DATABASE_URL is not set. */
	dataDir: string;
	databaseUrl?: string;
	tls?: { cert: Buffer; key: Buffer };
	/** Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers. */
	trustProxy: boolean;
	staticDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const port = Number(env.PORT ?? 4173);
	if (!Number.isInteger(port) || port < 1 || port > 65_535)
		throw new Error(`PORT must be a port number (1–65535), not "${env.PORT}"`);
	if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY))
		throw new Error('Set both TLS_CERT and TLS_KEY (file paths), or neither');
	return {
		port,
		host: env.HOST ?? 'localhost',
		dataDir: resolve(env.DATA_DIR ?? './data'),
		databaseUrl: env.DATABASE_URL || undefined,
		tls:
			env.TLS_CERT && env.TLS_KEY
				? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) }
				: undefined,
		trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
		staticDir: resolve(env.STATIC_DIR ?? './build')
	};
}

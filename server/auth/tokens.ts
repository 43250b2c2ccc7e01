import { createHash, randomBytes } from 'node:crypto';

/** A session token: 256 random bits, as the cookie carries it. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the sessions table keeps of a token: its SHA-256, so a copy of the table signs nobody in. */
export const tokenHash = (token: string): string =>
	createHash('sha256').update(token).digest('base64url');

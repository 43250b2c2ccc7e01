import {
	randomBytes,
	scrypt as scryptCallback,
	timingSafeEqual,
	type ScryptOptions
} from 'node:crypto';

/**
 * Passwords are kept as scrypt hashes (memory-hard, in node:crypto, nothing to install). The
 * parameters travel inside the stored string, so they can be raised later without breaking the
 * hashes already stored. N = 2^15, r = 8 is 32 MiB and about 100 ms per check on this machine.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const PREFIX = 'scrypt';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	// maxmem must exceed 128 * N * r, or scrypt refuses the parameters.
	const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0);
	return new Promise((resolve, reject) => {
		scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, PARAMS);
	const { N, r, p } = PARAMS;
	return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for a stored value that is not one of our hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [prefix, n, r, p, salt, key] = stored.split('$');
	if (prefix !== PREFIX || !n || !r || !p || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What is wrong with a new password, or null. Length is what matters (NIST SP 800-63B). */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH)
		return `Password must be at least ${PASSWORD_MIN_LENGTH} characters — a few words make a strong one`;
	if (password.length > PASSWORD_MAX_LENGTH)
		return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
	return null;
}

/**
 * A hash of nothing anyone knows, checked when the email is unknown so that a sign-in takes as
 * long whether or not the admin exists.
 */
export const UNKNOWN_ADMIN_HASH = hashPassword(randomBytes(24).toString('base64'));

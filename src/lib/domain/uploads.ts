/**
 * The rules of an upload, shared by the browser that sends a file and the server that keeps it
 * (docs/architecture.md, "Uploads"): the size of a part, and what a request to start one must
 * say. The server also holds the file to the site's Maximum CSV size (`uploadSizeProblem`).
 */
import { formatBytes } from './format-bytes';
import { fail, ok, type Result } from './result';

/** The most bytes one `PUT /api/uploads/:id` carries; the browser sends parts of exactly this. */
export const UPLOAD_PART_BYTES = 1024 * 1024;

/** The longest file name kept (it is shown, never used as a path). */
export const UPLOAD_NAME_MAX = 255;

/** What `POST /api/uploads` is sent: the file's name, its size in bytes, its SHA-256 in hex. */
export interface UploadRequest {
	name: string;
	size: number;
	sha256: string;
}

/** An upload's status as `GET /api/uploads/:id` answers it. */
export interface UploadStatus {
	id: string;
	name: string;
	size: number;
	received: number;
	completed: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;
// Control characters would make the name unreadable wherever it is shown.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Judges a request to start an upload from untrusted input: every problem, each a sentence for
 * the admin. The checksum comes back lower-cased and the name trimmed.
 */
export function validateUploadRequest(input: unknown): Result<UploadRequest, string> {
	if (typeof input !== 'object' || input === null || Array.isArray(input))
		return fail('The upload request must be an object with name, size and sha256.');
	const { name, size, sha256, ...rest } = input as Record<string, unknown>;
	const problems: string[] = [];
	const unknown = Object.keys(rest);
	if (unknown.length > 0) problems.push(`Unknown fields: ${unknown.join(', ')}.`);
	if (typeof name !== 'string' || name.trim() === '') problems.push('The file needs a name.');
	else if (name.trim().length > UPLOAD_NAME_MAX)
		problems.push(`The file name is longer than ${UPLOAD_NAME_MAX} characters: rename the file.`);
	else if (CONTROL.test(name))
		problems.push('The file name holds control characters: rename the file.');
	if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
		problems.push('The file size must be a whole number of bytes.');
	else if (size === 0)
		problems.push('The file is empty. Choose a CSV file with a header row and at least one user.');
	if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
		problems.push('The checksum must be the file’s SHA-256 as 64 hexadecimal digits.');
	if (problems.length > 0) return fail(...problems);
	return ok({
		name: (name as string).trim(),
		size: size as number,
		sha256: (sha256 as string).toLowerCase()
	});
}

/**
 * The site's Maximum CSV size refuses a file before any of it is sent: the limit, and what to do
 * (the words of the browser's own check, domain/file-sniff.ts).
 */
export function uploadSizeProblem(size: number, maxCsvMb: number): string | null {
	const maxBytes = maxCsvMb * 1024 * 1024;
	if (size <= maxBytes) return null;
	const [shown, limit] = [formatBytes(size), formatBytes(maxBytes)];
	// "The file is 5 MB, over the 5 MB limit" would read as a mistake.
	const over =
		shown === limit
			? `The file is just over the ${limit} limit.`
			: `The file is ${shown}, over the ${limit} limit.`;
	return `${over} Split it into smaller files, or raise Maximum CSV size in Settings.`;
}

/** How many bytes the part at `offset` of a file of `size` bytes holds. */
export function partLength(size: number, offset: number): number {
	return Math.max(0, Math.min(UPLOAD_PART_BYTES, size - offset));
}

/** Bytes as lower-case hexadecimal, how a SHA-256 travels. */
export function toHex(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

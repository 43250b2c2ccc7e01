import { describe, expect, it } from 'vitest';
import {
	partLength,
	toHex,
	UPLOAD_PART_BYTES,
	uploadSizeProblem,
	validateUploadRequest
} from './uploads';

const SHA = 'AB'.repeat(32);

describe('validateUploadRequest', () => {
	it('takes a name, a size and a SHA-256, trimmed and lower-cased', () => {
		expect(validateUploadRequest({ name: ' staff.csv ', size: 10, sha256: SHA })).toEqual({
			ok: true,
			value: { name: 'staff.csv', size: 10, sha256: 'ab'.repeat(32) }
		});
	});

	it('names every problem of a bad request', () => {
		const result = validateUploadRequest({ name: '', size: 1.5, sha256: 'xyz', extra: 1 });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual([
			'Unknown fields: extra.',
			'The file needs a name.',
			'The file size must be a whole number of bytes.',
			'The checksum must be the file’s SHA-256 as 64 hexadecimal digits.'
		]);
	});

	it('refuses an empty file, a name with control characters or too long, and a non-object', () => {
		const problems = (input: unknown) => {
			const result = validateUploadRequest(input);
			return result.ok ? [] : result.errors;
		};
		expect(problems({ name: 'a.csv', size: 0, sha256: SHA })[0]).toMatch(/empty/);
		expect(problems({ name: 'a\u0007.csv', size: 1, sha256: SHA })[0]).toMatch(/control/);
		expect(problems({ name: 'a'.repeat(256), size: 1, sha256: SHA })[0]).toMatch(/longer than 255/);
		expect(problems({ name: 'a.csv', size: '1', sha256: SHA })[0]).toMatch(/whole number/);
		expect(problems(null)[0]).toMatch(/must be an object/);
		expect(problems([1])[0]).toMatch(/must be an object/);
	});
});

describe('uploadSizeProblem', () => {
	it('lets a file of the limit through and says the limit and what to do above it', () => {
		expect(uploadSizeProblem(5 * 1024 * 1024, 5)).toBeNull();
		expect(uploadSizeProblem(5 * 1024 * 1024 + 1, 5)).toBe(
			'The file is just over the 5 MB limit. Split it into smaller files, or raise Maximum CSV size in Settings.'
		);
		expect(uploadSizeProblem(6 * 1024 * 1024, 5)).toBe(
			'The file is 6 MB, over the 5 MB limit. Split it into smaller files, or raise Maximum CSV size in Settings.'
		);
	});
});

describe('parts', () => {
	it('are 1 MiB but the last', () => {
		expect(UPLOAD_PART_BYTES).toBe(1_048_576);
		expect(partLength(UPLOAD_PART_BYTES + 5, 0)).toBe(UPLOAD_PART_BYTES);
		expect(partLength(UPLOAD_PART_BYTES + 5, UPLOAD_PART_BYTES)).toBe(5);
		expect(partLength(10, 10)).toBe(0);
	});

	it('write a digest as lower-case hex', () => {
		expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
	});
});

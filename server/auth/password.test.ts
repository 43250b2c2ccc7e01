import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
	it('verify the password they were made from and no other', async () => {
		const stored = await hashPassword('correct horse battery');
		expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(await verifyPassword('correct horse battery', stored)).toBe(true);
		expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
	});

	it('salt every hash', async () => {
		const [a, b] = await Promise.all([
			hashPassword('same words here'),
			hashPassword('same words here')
		]);
		expect(a).not.toBe(b);
	});

	it('refuse a stored value that is not a hash of theirs', async () => {
		expect(await verifyPassword('anything', 'plain-text')).toBe(false);
		expect(await verifyPassword('anything', '')).toBe(false);
	});

	it('ask for a long enough password and say how', () => {
		expect(passwordProblem('short')).toMatch(/at least 12 characters/);
		expect(passwordProblem('twelve chars')).toBeNull();
		expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200/);
	});
});

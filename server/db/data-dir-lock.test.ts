import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock';

describe('the embedded database folder lock', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'roster-lock-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('refuses a second holder while the first process lives', () => {
		// The test runner's parent is alive and is not this process.
		writeFileSync(join(dir, 'roster.pid'), String(process.ppid));
		expect(() => lockDataDir(dir)).toThrow(/in use by process/);
	});

	it('takes over a lock left by a process that has ended, and releases it', () => {
		writeFileSync(join(dir, 'roster.pid'), '2147483646');
		const release = lockDataDir(dir);
		expect(readFileSync(join(dir, 'roster.pid'), 'utf8')).toBe(String(process.pid));
		release();
		const again = lockDataDir(dir);
		again();
	});
});

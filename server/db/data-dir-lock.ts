import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'roster.pid';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite is a whole Postgres inside one process: a second process opening the same folder would
 * corrupt it. The first to open a folder writes its pid there; others are refused while that
 * process lives. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
	const path = join(dir, LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(path, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(readFileSync(path, 'utf8'));
			if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder))
				throw new Error(
					`The site's database in ${dir} is in use by process ${holder} (a running Roster server). Stop it first, or use a PostgreSQL server (DATABASE_URL) to run several processes.`
				);
			// Left by a process that ended without cleaning up.
			rmSync(path, { force: true });
		}
	}
	throw new Error(`Could not lock ${dir}`);
}

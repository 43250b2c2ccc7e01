/**
 * The server killed with SIGKILL mid-import and started again: the job resumes from its cursor
 * and ends with exactly the users and cards of an uninterrupted run (docs/architecture.md,
 * "Imports on the server"). The server is the real one, `node --import tsx server/main.ts`, as a
 * child process, on PGlite in a temporary data directory and on PostgreSQL in a schema of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { setUpSite } from '../auth/admins';
import { hashPassword } from '../auth/password';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { SqlDatabase } from '../db/sql';
import { pgliteBackend } from '../testing/databases';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { OWNER } from '../testing/people';
import { uploaded } from '../testing/uploaded';
import { getJob } from './jobs';
import { ImportRunner } from './runner';

const ROWS = 30_000;
const csv = new TextEncoder().encode(importCsv(ROWS));

interface Target {
	name: string;
	port: number;
	/** The server's environment for this database. */
	env: Record<string, string>;
	/** Opens the database from the test (never while the server holds PGlite's directory). */
	open(): Promise<SqlDatabase>;
	cleanUp(): Promise<void>;
}

function pgliteTarget(): Target {
	const dataDir = mkdtempSync(join(tmpdir(), 'roster-kill-'));
	return {
		name: 'PGlite',
		port: 4421,
		env: { DATA_DIR: dataDir },
		open: () => openPglite(dataDir),
		cleanUp: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true }))
	};
}

function postgresTarget(url: string): Target {
	const schema = `kill_${Date.now().toString(36)}`;
	const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
	return {
		name: 'PostgreSQL',
		port: 4422,
		env: { DATABASE_URL: withSchema },
		async open() {
			const admin = openPostgres(url);
			await admin.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
			await admin.close();
			return openPostgres(url, schema);
		},
		async cleanUp() {
			const admin = openPostgres(url);
			await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			await admin.close();
		}
	};
}

const TARGETS: Target[] = [
	pgliteTarget(),
	...(process.env.TEST_DATABASE_URL ? [postgresTarget(process.env.TEST_DATABASE_URL)] : [])
];

const staticDir = mkdtempSync(join(tmpdir(), 'roster-kill-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Roster</title>');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

/** Starts the server and resolves once it listens. */
async function startServer(target: Target): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: {
			...process.env,
			...target.env,
			PORT: String(target.port),
			HOST: '127.0.0.1',
			STATIC_DIR: staticDir,
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (data: Buffer) => {
			output += data.toString();
			if (output.includes('Roster at ')) resolve();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`The server exited (${code}):\n${output}`)));
	});
	return child;
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
}

/** What a database holds at the end, to compare with the uninterrupted run's. */
async function contents(db: SqlDatabase) {
	const keys = async (sql: string) => (await db.query<{ k: string }>(sql)).map((row) => row.k);
	return {
		users: await keys('SELECT id AS k FROM users ORDER BY id COLLATE "C"'),
		cards: await keys(
			'SELECT number || \':\' || user_id AS k FROM cards ORDER BY number COLLATE "C"'
		)
	};
}

describe.each(TARGETS)('a server killed mid-import on $name', { timeout: 300_000 }, (target) => {
	afterAll(() => target.cleanUp());

	it('resumes from its cursor and ends with the users and cards of an uninterrupted run', async () => {
		// The reference: the same file imported once, start to end, in this process.
		await pgliteBackend.warmUp();
		const reference = await pgliteBackend.open();
		const admin = await setUpSite(reference, 'Reference', {
			name: OWNER.name,
			email: OWNER.email,
			passwordHash: 'x'
		});
		const runner = new ImportRunner(reference, {
			fileOf: () => Promise.resolve({ file: new Blob([csv]) })
		});
		await runner.start(admin, { uploadId: 'u', fileName: 'staff.csv', settings: IMPORT_SETTINGS });
		await runner.idle();
		const expected = await contents(reference);
		await reference.close();

		// The site, its owner and the uploaded file, before the server starts.
		const setUp = await target.open();
		await migrate(setUp);
		const owner = await setUpSite(setUp, 'Kill', {
			name: OWNER.name,
			email: OWNER.email,
			passwordHash: await hashPassword(OWNER.password)
		});
		const uploadId = await uploaded(setUp, owner, 'staff.csv', csv);
		await setUp.close();

		const base = `http://127.0.0.1:${target.port}`;
		const headers = { origin: base, 'content-type': 'application/json' };
		let server = await startServer(target);
		const signIn = await fetch(`${base}/api/session`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ email: OWNER.email, password: OWNER.password })
		});
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const api = async <T>(path: string, body?: object): Promise<T> => {
			const response = await fetch(`${base}${path}`, {
				method: body ? 'POST' : 'GET',
				headers: { ...headers, cookie },
				...(body ? { body: JSON.stringify(body) } : {})
			});
			return (await response.json()) as T;
		};
		const { id } = await api<{ id: string }>('/api/imports', {
			uploadId,
			settings: IMPORT_SETTINGS.settings,
			mapping: IMPORT_SETTINGS.mapping,
			totalRows: ROWS
		});
		expect(id).toBeTruthy();
		const status = () => api<{ status: string; done: number }>(`/api/imports/${id}`);

		// Killed once the cursor has moved, and well before the end.
		let before = await status();
		while (before.done === 0) {
			await pause(50);
			before = await status();
		}
		server.kill('SIGKILL');
		await exited(server);
		expect(before.status).toBe('running');
		expect(before.done).toBeLessThan(ROWS);

		server = await startServer(target);
		let view = await status();
		while (view.status === 'running') {
			await pause(200);
			view = await status();
		}
		expect(view.status).toBe('finished');
		server.kill('SIGTERM');
		await exited(server);

		const db = await target.open();
		try {
			expect(await contents(db)).toEqual(expected);
			const job = await getJob(db, owner.siteId, id);
			expect(job?.cursor.rows).toBe(ROWS);
			expect(await db.query('SELECT 1 FROM import_leases')).toHaveLength(0);
		} finally {
			await db.close();
		}
	});
});

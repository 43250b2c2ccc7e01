/**
 * Runs the site's imports on the server (docs/architecture.md, "Imports on the server"). A job
 * holds the site's lease (import-lease.ts) with the job's id as holder while it lives, so every
 * other user and card write is refused; each chunk is one transaction with the cursor
 * (pg-store.ts). A runner token per process claims the job: two processes never run the same
 * job. At start-up the runner takes over the jobs whose claim lapsed (on PGlite, every running
 * job: the data directory's lock means no other process can be running it) and resumes them from
 * their cursor; a sweep marks as interrupted the jobs whose runner died with no restart.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldEventLoop } from 'node:timers/promises';
import { toAppError } from '../../src/lib/domain/errors';
import { LEASE_TTL_MS } from '../../src/lib/domain/site-lease';
import { EMPTY_COUNTERS, START_CURSOR } from '../../src/lib/domain/import-session';
import type { SessionId } from '../../src/lib/domain/model';
import { runChunks, type ChunkProgress } from '../../src/lib/import/core/chunk-loop';
import type { Admin } from '../auth/admins';
import type { SqlDatabase } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { holdLease, releaseLease } from '../site/import-lease';
import { lockSiteForWrite } from '../site/versions';
import {
	claimJob,
	endJob,
	getJob,
	insertJob,
	orphanedJobs,
	renewClaim,
	type ImportJob,
	type JobSettings
} from './jobs';
import { announceJob } from './job-feed';
import { pgImportStore, type StoreJob } from './pg-store';
import { storeJobHeader } from './result-files';
import { undoJob } from './undo';
import { issueJobCards } from './issue-cards';
import { issueRefusal } from '../../src/lib/domain/import-job';

/** Rows per chunk: one transaction each, as in the browser (docs/architecture.md, "Chunk transactions"). */
export const SERVER_ROWS_PER_CHUNK = 5000;
/** How long a runner's claim on a job lives unrenewed; renewed by every chunk and a heartbeat. */
export const JOB_CLAIM_MS = 15_000;
/** How often jobs whose runner died are looked for. */
export const SWEEP_MS = 15_000;

export interface RunnerOptions {
	now?: () => number;
	rowsPerChunk?: number;
	claimTtl?: number;
	/** The bytes of an upload (uploads.ts `readUpload`), released when the run ends. */
	fileOf: (siteId: string, uploadId: string) => Promise<JobFile | undefined>;
	/**
	 * True when no other process can be running this database's jobs (PGlite, whose data
	 * directory is locked): start-up then takes over every running job at once.
	 */
	exclusive?: boolean;
	/** Told after each committed chunk (progress for the screens; tests stop a run there). */
	onChunk?: (job: ImportJob, progress: ChunkProgress) => void;
	/** Where a run's failure is told (the server's log). */
	log?: (message: string, error?: unknown) => void;
}

/** The file a run reads, and what frees it once the run has ended (a spooled upload's file). */
export interface JobFile {
	file: Blob;
	release?: () => Promise<void>;
}

export interface NewJob {
	uploadId: string;
	fileName: string;
	settings: JobSettings;
	totalRows?: number;
}

export class ImportRunner {
	/** This process's token: a job whose `runner` is it is run here. */
	readonly token = randomUUID();
	readonly #db: SqlDatabase;
	readonly #now: () => number;
	readonly #rowsPerChunk: number;
	readonly #claimTtl: number;
	readonly #options: RunnerOptions;
	readonly #runs = new Map<string, Promise<void>>();
	readonly #cancelled = new Set<string>();
	#closing = false;
	#sweep: NodeJS.Timeout | undefined;
	#later: NodeJS.Timeout | undefined;

	constructor(db: SqlDatabase, options: RunnerOptions) {
		this.#db = db;
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.#rowsPerChunk = options.rowsPerChunk ?? SERVER_ROWS_PER_CHUNK;
		this.#claimTtl = options.claimTtl ?? JOB_CLAIM_MS;
	}

	/**
	 * Starts an import of `job.uploadId` for `admin`: the site's lease and the job row are taken in
	 * one transaction, refused with IMPORT_IN_PROGRESS (naming the running one) while another run
	 * holds the site. The run goes on in the background.
	 */
	async start(admin: Admin, input: NewJob): Promise<ImportJob> {
		const now = this.#now();
		const job: ImportJob = {
			siteId: admin.siteId,
			id: randomUUID(),
			adminId: admin.id,
			adminName: admin.name,
			fileName: input.fileName,
			uploadId: input.uploadId,
			settings: input.settings,
			status: 'running',
			cursor: { ...START_CURSOR },
			counters: { ...EMPTY_COUNTERS },
			totalRows: input.totalRows ?? null,
			error: null,
			runner: this.token,
			leaseExpiresAt: now + this.#claimTtl,
			createdAt: now,
			updatedAt: now,
			finishedAt: null,
			issued: null
		};
		await this.#db.transaction(async (tx) => {
			await lockSiteForWrite(tx, admin.siteId);
			await holdLease(tx, admin, claimOf(job), now);
			await insertJob(tx, job);
			await announceJob(tx, admin.siteId, job.id);
		});
		this.#launch(job);
		return job;
	}

	/** Resumes an interrupted job from its cursor, under the site's lease. */
	async resume(admin: Admin, id: string): Promise<ImportJob> {
		const job = await this.#claim(admin.siteId, id, ['interrupted'], admin);
		if (!job) throw notResumable(await getJob(this.#db, admin.siteId, id));
		this.#launch(job);
		return job;
	}

	/**
	 * Cancels a job: a run here stops before its next chunk (what it committed stays, for Undo);
	 * an interrupted job is marked cancelled. False when the job is neither.
	 */
	async cancel(siteId: string, id: string): Promise<boolean> {
		const job = await getJob(this.#db, siteId, id);
		if (!job) return false;
		if (this.#runs.has(job.id)) {
			this.#cancelled.add(job.id);
			return true;
		}
		if (job.status !== 'interrupted') return false;
		return this.#endUnclaimed(siteId, job.id, { status: 'cancelled' });
	}

	/**
	 * Undoes what a job imported, under the site's lease: a finished, cancelled or interrupted job
	 * (or an undo that stopped). The undo goes on in the background; the job ends `undone`.
	 */
	async undo(admin: Admin, id: string): Promise<ImportJob> {
		const job = await this.#claim(
			admin.siteId,
			id,
			['finished', 'cancelled', 'interrupted', 'failed', 'undoing'],
			admin,
			false,
			'undoing'
		);
		if (!job) throw notUndoable(await getJob(this.#db, admin.siteId, id));
		this.#launch(job);
		return job;
	}

	/**
	 * Issues the registered cards of a finished job's users under the site's lease (issue-cards.ts;
	 * an issuing that stopped goes on). The job is `issuing` meanwhile and ends `finished` again.
	 */
	async issueCards(admin: Admin, id: string): Promise<ImportJob> {
		const before = await getJob(this.#db, admin.siteId, id);
		if (!before) throw new ApiFailure('NOT_FOUND', 'The site has no such import.');
		const refusal = issueRefusal(before.status);
		if (refusal) {
			throw new ApiFailure(
				refusal.busy ? 'IMPORT_IN_PROGRESS' : 'INVALID_INPUT',
				`${before.fileName}: ${refusal.message}`
			);
		}
		const job = await this.#claim(
			admin.siteId,
			id,
			['finished', 'issuing'],
			admin,
			true,
			'issuing'
		);
		if (!job) {
			throw new ApiFailure(
				'IMPORT_IN_PROGRESS',
				`The cards of ${before.fileName} are being issued already.`
			);
		}
		this.#launch(job);
		return job;
	}

	/**
	 * Takes over the jobs whose runner's claim lapsed (every running one when exclusive) and
	 * resumes them from their cursor. Called at start-up.
	 */
	async takeOver(): Promise<string[]> {
		if (this.#closing) return [];
		const orphans = await orphanedJobs(this.#db, this.#now(), this.#options.exclusive ?? false);
		const taken: string[] = [];
		for (const orphan of orphans) {
			try {
				const job = await this.#claim(
					orphan.siteId,
					orphan.id,
					[orphan.status],
					undefined,
					true,
					orphan.status === 'undoing' || orphan.status === 'issuing' ? orphan.status : 'running'
				);
				if (!job) continue;
				this.#launch(job);
				taken.push(job.id);
			} catch (error) {
				// Another run holds the site now: the job stays for its admin to resume or undo.
				await this.#endUnclaimed(
					orphan.siteId,
					orphan.id,
					{ status: 'interrupted', error: toAppError(error) },
					this.token
				).catch(() => false);
			}
		}
		return taken;
	}

	/**
	 * Marks as interrupted the jobs whose claim lapsed with no runner renewing it (their process
	 * died and was not started again); the site's lease then expires on its own. A claim is given
	 * one more claim's time first: a process started again takes its jobs over as they lapse.
	 */
	async sweep(): Promise<number> {
		const rows = await this.#db.query<{ site_id: string; id: string }>(
			`UPDATE import_jobs SET status = 'interrupted', runner = NULL, lease_expires_at = NULL,
			   updated_at = $1,
			   error = '{"code":"UNEXPECTED","message":"The server running this import stopped. Resume it, or undo what it imported."}'::jsonb
			 WHERE status = 'running' AND lease_expires_at <= $2 RETURNING site_id, id`,
			[this.#now(), this.#now() - this.#claimTtl]
		);
		for (const row of rows) {
			await this.#db.transaction(async (tx) => {
				await lockSiteForWrite(tx, row.site_id);
				await announceJob(tx, row.site_id, row.id);
			});
		}
		return rows.length;
	}

	/**
	 * Takes over orphaned jobs now, and the jobs whose claim is still live (a process killed a
	 * moment ago, on PostgreSQL, where another process may be running them) as each lapses; then
	 * sweeps every `SWEEP_MS`.
	 */
	async startUp(): Promise<void> {
		await this.takeOver();
		const live = await this.#db.query<{ at: number | string | null }>(
			`SELECT max(lease_expires_at) AS at FROM import_jobs
			 WHERE status IN ('running', 'undoing', 'issuing') AND runner IS DISTINCT FROM $1`,
			[this.token]
		);
		const lapse = live[0]?.at;
		if (lapse !== null && lapse !== undefined) {
			this.#later = setTimeout(
				() => {
					this.takeOver().catch((error: unknown) =>
						this.#options.log?.('Import takeover failed', error)
					);
				},
				Math.max(0, Number(lapse) - this.#now()) + 100
			);
			this.#later.unref();
		}
		this.#sweep = setInterval(() => {
			this.sweep().catch((error: unknown) => this.#options.log?.('Import sweep failed', error));
		}, SWEEP_MS);
		this.#sweep.unref();
	}

	/** Resolves once no job runs here (tests). */
	async idle(): Promise<void> {
		while (this.#runs.size > 0) await Promise.allSettled([...this.#runs.values()]);
	}

	/**
	 * Stops: runs end after their current chunk, leaving their job running with a lapsed claim,
	 * which the next start takes over.
	 */
	async close(): Promise<void> {
		this.#closing = true;
		clearInterval(this.#sweep);
		clearTimeout(this.#later);
		await this.idle();
	}

	async #claim(
		siteId: string,
		id: string,
		from: ImportJob['status'][],
		admin: Admin | undefined,
		takingOver = false,
		status: 'running' | 'undoing' | 'issuing' = 'running'
	): Promise<ImportJob | undefined> {
		const now = this.#now();
		return this.#db.transaction(async (tx) => {
			await lockSiteForWrite(tx, siteId);
			const before = await getJob(tx, siteId, id);
			if (!before || !from.includes(before.status)) return undefined;
			if (!takingOver && before.runner !== null) return undefined;
			const job = await claimJob(
				tx,
				siteId,
				before.id,
				{ runner: this.token, status, now, ttl: this.#claimTtl },
				from
			);
			if (!job) return undefined;
			await holdLease(
				tx,
				admin ?? adminOf(job),
				status === 'running'
					? claimOf(job)
					: {
							...claimOf(job),
							activity: status === 'undoing' ? 'undo' : status,
							done: 0,
							total: 0
						},
				now
			);
			await announceJob(tx, siteId, job.id);
			return job;
		});
	}

	#launch(job: ImportJob): void {
		const run = (
			job.status === 'undoing'
				? this.#undo(job)
				: job.status === 'issuing'
					? this.#issue(job)
					: this.#run(job)
		)
			.catch((error: unknown) => this.#options.log?.(`Import ${job.id} failed`, error))
			.finally(() => this.#runs.delete(job.id));
		this.#runs.set(job.id, run);
	}

	async #run(job: ImportJob): Promise<void> {
		const { siteId } = job;
		const storeJob: StoreJob = {
			siteId,
			id: job.id,
			admin: adminOf(job),
			fileName: job.fileName,
			runner: this.token,
			totalRows: job.totalRows,
			claimTtl: this.#claimTtl
		};
		const heartbeat = setInterval(() => {
			void this.#renew(job).catch(() => undefined);
		}, this.#claimTtl / 3);
		let paused = false;
		let source: JobFile | undefined;
		try {
			source = await this.#options.fileOf(siteId, job.uploadId);
			const file = source?.file;
			if (!file) {
				throw new ApiFailure(
					'NOT_FOUND',
					'The uploaded file of this import is gone: start the import again.'
				);
			}
			// The failed file repeats the header row, after the upload is gone (result-files.ts).
			await storeJobHeader(this.#db, job, file);
			const { settings } = job;
			const end = await runChunks({
				session: {
					id: job.id as SessionId,
					mapping: settings.mapping,
					settings: settings.settings,
					cursor: job.cursor,
					counters: job.counters
				},
				source: {
					file,
					encoding: settings.encoding,
					bomLength: settings.bomLength,
					delimiter: settings.delimiter,
					headerRow: settings.settings.headerRow
				},
				store: pgImportStore(this.#db, storeJob),
				rowsPerChunk: this.#rowsPerChunk,
				now: this.#now,
				// PGlite runs in this thread: without a turn of the event loop between chunks, requests
				// (the banner's feed, other admins' reads) would wait for the whole import.
				betweenChunks: async () => {
					await yieldEventLoop();
				},
				onCommitted: (progress) => this.#options.onChunk?.(job, progress),
				stopRequested: () => {
					if (this.#closing) paused = true;
					return this.#closing || this.#cancelled.delete(job.id);
				}
			});
			if (paused) {
				await this.#db.query(
					`UPDATE import_jobs SET runner = NULL, lease_expires_at = $3
					 WHERE site_id = $1 AND id::text = $2 AND runner = $4`,
					[siteId, job.id, this.#now(), this.token]
				);
				return;
			}
			await this.#end(job, {
				status: end.kind === 'finished' ? 'finished' : 'cancelled',
				...(end.kind === 'finished' ? { totalRows: end.totalRows } : {})
			});
		} catch (error) {
			await this.#end(job, { status: 'interrupted', error: toAppError(error) });
			throw error;
		} finally {
			clearInterval(heartbeat);
			this.#cancelled.delete(job.id);
			await source?.release?.();
		}
	}

	async #undo(job: ImportJob): Promise<void> {
		// Still undoing, with no runner: Undo again (or a restart) goes on from the chunk it reached.
		await this.#replay(job, undoJob, { done: 'undone', stopped: 'undoing' });
	}

	async #issue(job: ImportJob): Promise<void> {
		// Still issuing, with no runner: Issue cards again (or a restart) goes on from its tally.
		await this.#replay(job, issueJobCards, { done: 'finished', stopped: 'issuing' });
	}

	/** A job's undo or card issuing, under its claim's heartbeat, ended with its status. */
	async #replay(
		job: ImportJob,
		work: typeof undoJob | typeof issueJobCards,
		end: { done: ImportJob['status']; stopped: ImportJob['status'] }
	): Promise<void> {
		const heartbeat = setInterval(() => {
			void this.#renew(job).catch(() => undefined);
		}, this.#claimTtl / 3);
		try {
			await work({
				db: this.#db,
				job,
				admin: adminOf(job),
				runner: this.token,
				claimTtl: this.#claimTtl,
				now: this.#now,
				betweenChunks: async () => {
					await yieldEventLoop();
				}
			});
			await this.#end(job, { status: end.done });
		} catch (error) {
			await this.#end(job, { status: end.stopped, error: toAppError(error) });
			throw error;
		} finally {
			clearInterval(heartbeat);
		}
	}

	/** Keeps the claim and the site's lease alive while a chunk is long in coming. */
	async #renew(job: ImportJob): Promise<void> {
		const now = this.#now();
		await this.#db.transaction(async (tx) => {
			// The site first, as a chunk's commit locks it before the lease and the job: taken in
			// the other order, a heartbeat during a commit deadlocks with it on PostgreSQL (seen at
			// a million rows: the job ended interrupted).
			await lockSiteForWrite(tx, job.siteId);
			if (!(await renewClaim(tx, job.siteId, job.id, this.token, now + this.#claimTtl))) return;
			await tx.query(
				`UPDATE import_leases SET expires_at = $3 WHERE site_id = $1 AND holder = $2`,
				[job.siteId, job.id, now + LEASE_TTL_MS]
			);
		});
	}

	async #end(
		job: ImportJob,
		end: { status: ImportJob['status']; totalRows?: number; error?: ReturnType<typeof toAppError> }
	): Promise<void> {
		await this.#db.transaction(async (tx) => {
			await lockSiteForWrite(tx, job.siteId);
			const mine = await endJob(tx, job.siteId, job.id, this.token, { ...end, now: this.#now() });
			if (!mine) return;
			await releaseLease(tx, job.siteId, job.id);
			await announceJob(tx, job.siteId, job.id);
		});
	}

	/** Ends a job no run here holds (an interrupted one cancelled, a takeover refused). */
	async #endUnclaimed(
		siteId: string,
		id: string,
		end: { status: ImportJob['status']; error?: ReturnType<typeof toAppError> },
		runner: string | null = null
	): Promise<boolean> {
		return this.#db.transaction(async (tx) => {
			await lockSiteForWrite(tx, siteId);
			const ended = await endJob(tx, siteId, id, runner, { ...end, now: this.#now() });
			if (ended) await announceJob(tx, siteId, id);
			return ended;
		});
	}
}

/** The lease a job claims: its id as holder, with how far it has got. */
function claimOf(job: ImportJob) {
	return {
		holder: job.id,
		activity: 'import' as const,
		fileName: job.fileName,
		done: job.cursor.rows,
		total: job.totalRows ?? 0
	};
}

/** The admin a job writes as: the one who started it. */
function adminOf(job: ImportJob): Admin {
	if (job.adminId === null) {
		throw new ApiFailure(
			'FORBIDDEN',
			'The admin who started this import was removed: undo it, or start it again.'
		);
	}
	return {
		id: job.adminId,
		siteId: job.siteId,
		name: job.adminName,
		email: '',
		role: 'admin',
		disabled: false
	};
}

function notUndoable(job: ImportJob | undefined): ApiFailure {
	if (!job) return new ApiFailure('NOT_FOUND', 'The site has no such import.');
	return new ApiFailure(
		job.status === 'running' ? 'IMPORT_IN_PROGRESS' : 'INVALID_INPUT',
		job.status === 'running'
			? `The import of ${job.fileName} is running: cancel it first, then undo it.`
			: `The import of ${job.fileName} has ${job.status === 'undone' ? 'been undone already' : job.status}: there is nothing to undo.`
	);
}

function notResumable(job: ImportJob | undefined): ApiFailure {
	if (!job) return new ApiFailure('NOT_FOUND', 'The site has no such import.');
	return new ApiFailure(
		job.status === 'running' ? 'IMPORT_IN_PROGRESS' : 'INVALID_INPUT',
		job.status === 'running'
			? `The import of ${job.fileName} is running: it cannot be resumed twice.`
			: `The import of ${job.fileName} has ${job.status}: only an interrupted import can be resumed.`
	);
}

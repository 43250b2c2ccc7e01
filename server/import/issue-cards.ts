/**
 * Card issuing of a server job's users (docs/architecture.md, "Card issuing on the server"):
 * every registered card of the users the import succeeded for is issued, by the browser's own
 * rule (domain/card-issuing.ts), under the site's lease (activity `issuing`), a chunk of users per
 * transaction. Each chunk writes its cards with their feed entries through `writeRecords`, renews
 * the job's claim and stores the tally on the job, so a run stopped half-way resumes after the
 * users it had handled.
 */
import {
	importedUserId,
	issueRegistered,
	ISSUE_USERS_PER_CHUNK
} from '../../src/lib/domain/card-issuing';
import type { IssuedTally } from '../../src/lib/domain/import-job';
import type { UserId } from '../../src/lib/domain/model';
import type { SucceededRecord } from '../../src/lib/domain/result-files';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { CARD_COLUMNS } from '../site/cards';
import { holdLease } from '../site/import-lease';
import { writeRecords } from '../site/records-write';
import { cardRecordOf, type CardRow } from '../site/records';
import { lockSiteForWrite } from '../site/versions';
import { renewClaim, type ImportJob } from './jobs';
import { importSource, takenOver } from './pg-store';

export interface IssueRun {
	db: SqlDatabase;
	job: ImportJob;
	admin: Admin;
	runner: string;
	claimTtl: number;
	now: () => number;
	usersPerChunk?: number;
	/** Between chunks: the server yields its event loop. */
	betweenChunks: () => Promise<void>;
}

export const NO_ISSUED: IssuedTally = {
	users: 0,
	cards: 0,
	alreadyIssued: 0,
	revoked: 0,
	withoutCard: 0
};

/**
 * The job's users in file order, each once: the rows that succeeded, read a chunk's result row
 * at a time (never every result of the job in memory at once).
 */
export async function jobUserIds(sql: SqlQueryable, job: ImportJob): Promise<UserId[]> {
	const seen = new Set<UserId>();
	let last = -1;
	for (;;) {
		const rows = await sql.query<{ chunk: number; succeeded: SucceededRecord[] }>(
			`SELECT chunk, succeeded FROM import_job_results
			 WHERE site_id = $1 AND job_id = $2 AND chunk > $3 ORDER BY chunk LIMIT 1`,
			[job.siteId, job.id, last]
		);
		const row = rows[0];
		if (!row) return [...seen];
		last = row.chunk;
		for (const record of row.succeeded) {
			const id = importedUserId(record);
			if (id) seen.add(id);
		}
	}
}

/** Issues the job's registered cards from where its tally stopped; returns the final tally. */
export async function issueJobCards(run: IssueRun): Promise<IssuedTally> {
	const { db, job } = run;
	const site = job.siteId;
	const perChunk = run.usersPerChunk ?? ISSUE_USERS_PER_CHUNK;
	const userIds = await jobUserIds(db, job);
	const tally: IssuedTally = { ...NO_ISSUED, ...job.issued };
	const total = userIds.length;
	for (let start = tally.users; start < total; start += perChunk) {
		await run.betweenChunks();
		const batch = userIds.slice(start, start + perChunk);
		const now = run.now();
		await db.transaction(async (tx) => {
			await lockSiteForWrite(tx, site);
			const done = start + batch.length;
			await holdLease(
				tx,
				run.admin,
				{ holder: job.id, activity: 'issuing', fileName: job.fileName, done, total },
				now
			);
			if (!(await renewClaim(tx, site, job.id, run.runner, now + run.claimTtl))) throw takenOver();
			const cards = (
				await tx.query<CardRow>(
					`SELECT ${CARD_COLUMNS} FROM cards
					 WHERE site_id = $1 AND user_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
					[site, JSON.stringify(batch)]
				)
			).map(cardRecordOf);
			const holders = new Set<string>(cards.map((card) => card.userId));
			const count = { issued: 0, alreadyIssued: 0, revoked: 0 };
			const issued = issueRegistered(cards, now, count);
			await writeRecords(tx, run.admin, {
				type: 'records.write',
				source: `issuing the cards of ${importSource(job.fileName)}`,
				users: [],
				cards: issued,
				removeUsers: [],
				removeCards: []
			});
			const next: IssuedTally = {
				users: done,
				cards: tally.cards + count.issued,
				alreadyIssued: tally.alreadyIssued + count.alreadyIssued,
				revoked: tally.revoked + count.revoked,
				withoutCard: tally.withoutCard + batch.filter((id) => !holders.has(id)).length
			};
			await tx.query(
				`UPDATE import_jobs SET issued = $3::jsonb, updated_at = $4
				 WHERE site_id = $1 AND id::text = $2`,
				[site, job.id, JSON.stringify(next), now]
			);
			Object.assign(tally, next);
		});
	}
	if (total === 0 && job.issued === null) {
		await db.query(
			`UPDATE import_jobs SET issued = $3::jsonb WHERE site_id = $1 AND id::text = $2`,
			[site, job.id, JSON.stringify(tally)]
		);
	}
	return tally;
}

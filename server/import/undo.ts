/**
 * Undo of an import run on the server (docs/architecture.md, "Imports on the server"): its
 * journal replayed backwards, one chunk per transaction, under the site's lease, by the browser's
 * own rules (domain/undo-plan.ts): what the import created is deleted, what it changed gets its
 * before-image back, and records changed since are left as they are. Each chunk's writes go out
 * on the feed like any records write, and its journal and result rows go in the same
 * transaction, so an undo stopped half-way resumes where it stopped.
 */
import type { JournalCard, JournalUser } from '../../src/lib/domain/undo-plan';
import { planUndo } from '../../src/lib/domain/undo-plan';
import type { Card, CardNumber, User, UserId } from '../../src/lib/domain/model';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { CARD_COLUMNS } from '../site/cards';
import { holdLease } from '../site/import-lease';
import { writeRecords } from '../site/records-write';
import { cardRecordOf, userRecordOf, type CardRow, type UserRow } from '../site/records';
import { USER_COLUMNS } from '../site/users';
import { lockSiteForWrite } from '../site/versions';
import { renewClaim, type ImportJob } from './jobs';
import { importSource, takenOver } from './pg-store';

interface JournalRow {
	chunk: number;
	users: JournalUser[];
	cards: JournalCard[];
}

export interface UndoRun {
	db: SqlDatabase;
	job: ImportJob;
	admin: Admin;
	runner: string;
	claimTtl: number;
	now: () => number;
	/** Between chunks: the server yields its event loop. */
	betweenChunks: () => Promise<void>;
}

/** Replays the job's journal, newest chunk first; returns the users and cards left as they are. */
export async function undoJob(run: UndoRun): Promise<{ skipped: number }> {
	const { db, job } = run;
	const site = job.siteId;
	const chunks = (
		await db.query<{ chunk: number }>(
			'SELECT chunk FROM import_job_journal WHERE site_id = $1 AND job_id = $2 ORDER BY chunk DESC',
			[site, job.id]
		)
	).map((row) => row.chunk);
	const total = chunks.length;
	let skipped = 0;
	for (const [index, chunk] of chunks.entries()) {
		await run.betweenChunks();
		const now = run.now();
		await db.transaction(async (tx) => {
			await lockSiteForWrite(tx, site);
			await holdLease(
				tx,
				run.admin,
				{ holder: job.id, activity: 'undo', fileName: job.fileName, done: index, total },
				now
			);
			if (!(await renewClaim(tx, site, job.id, run.runner, now + run.claimTtl))) throw takenOver();
			const entry = (
				await tx.query<JournalRow>(
					'SELECT chunk, users, cards FROM import_job_journal WHERE site_id = $1 AND job_id = $2 AND chunk = $3',
					[site, job.id, chunk]
				)
			)[0];
			if (!entry) return;
			const current = await currentRecords(tx, site, entry);
			const plan = planUndo(entry, current.users, current.cards, current.laterCards);
			skipped += plan.skipped.length;
			await writeRecords(tx, run.admin, {
				type: 'records.write',
				source: `undoing ${importSource(job.fileName)}`,
				users: plan.users.restore,
				cards: plan.cards.restore,
				// The cards a removed user still holds go with them (writeRecords deletes them).
				removeUsers: plan.users.remove,
				removeCards: plan.cards.remove
			});
			await tx.query(
				'DELETE FROM import_job_journal WHERE site_id = $1 AND job_id = $2 AND chunk = $3',
				[site, job.id, chunk]
			);
			await tx.query(
				'DELETE FROM import_job_results WHERE site_id = $1 AND job_id = $2 AND chunk = $3',
				[site, job.id, chunk]
			);
		});
	}
	return { skipped };
}

/**
 * The chunk's users and cards as they are now, with the holders of its cards, and for each user
 * the import created a card registered since the import (which leaves that user as it is).
 */
async function currentRecords(tx: SqlQueryable, site: string, entry: JournalRow) {
	const journalled = new Set<string>(entry.cards.map((card) => card.number));
	const created = entry.users.filter((user) => user.before === null).map((user) => user.id);
	const cards = await tx.query<CardRow>(
		`SELECT ${CARD_COLUMNS} FROM cards WHERE site_id = $1 AND (
		   number IN (SELECT jsonb_array_elements_text($2::jsonb))
		   OR user_id IN (SELECT jsonb_array_elements_text($3::jsonb)))`,
		[site, JSON.stringify([...journalled]), JSON.stringify(created)]
	);
	const byNumber = new Map<CardNumber, Card>();
	const laterCards = new Map<UserId, CardNumber>();
	for (const row of cards) {
		const card = cardRecordOf(row);
		if (journalled.has(card.number)) byNumber.set(card.number, card);
		else laterCards.set(card.userId, card.number);
	}
	const wanted = new Set<string>([
		...entry.users.map((user) => user.id),
		...[...byNumber.values()].map((card) => card.userId)
	]);
	const users = await tx.query<UserRow>(
		`SELECT ${USER_COLUMNS} FROM users
		 WHERE site_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
		[site, JSON.stringify([...wanted])]
	);
	const byId = new Map<UserId, User>(users.map((row) => [row.id as UserId, userRecordOf(row)]));
	return { users: byId, cards: byNumber, laterCards };
}

/**
 * The import's storage port on PostgreSQL (docs/architecture.md, "Imports on the server"): the
 * chunk loop of src/lib/import/core reads what exists in a few set-based statements per chunk and
 * commits each chunk in ONE transaction — its users and cards with their feed entries (as
 * records-write.ts writes a browser's chunk, so every replica gets them), its result and journal
 * rows, the job's cursor and counters, and the renewal of the site's lease and the job's claim.
 */
import { settingsFrom } from '../../src/lib/domain/app-settings';
import type { ChunkCommit, ChunkLookups, ImportStore } from '../../src/lib/domain/import-store';
import type { CardNumber, User, UserId } from '../../src/lib/domain/model';
import { APP_SETTINGS_KEY } from '../../src/lib/domain/settings-keys';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { CARD_COLUMNS } from '../site/cards';
import { holdLease } from '../site/import-lease';
import { writeRecords } from '../site/records-write';
import { cardRecordOf, userRecordOf, type CardRow, type UserRow } from '../site/records';
import { readSetting } from '../site/settings';
import { USER_COLUMNS } from '../site/users';
import { lockSiteForWrite } from '../site/versions';
import { announceJob } from './job-feed';
import { renewClaim } from './jobs';

/** Who runs a job, as the store writes for it. */
export interface StoreJob {
	siteId: string;
	id: string;
	admin: Admin;
	fileName: string;
	runner: string;
	/** The file's data rows when known, for "N of M rows" on every admin's banner. */
	totalRows: number | null;
	/** How long the runner's claim on the job lives without renewal. */
	claimTtl: number;
}

const keysJson = (keys: readonly string[]): string => JSON.stringify(keys);

/** What wrote the records, for the admin ("the import of staff.csv"). */
export const importSource = (fileName: string): string => `the import of ${fileName}`;

export function pgImportStore(db: SqlDatabase, job: StoreJob): ImportStore {
	const site = job.siteId;
	return {
		async lookup(keys): Promise<ChunkLookups> {
			const userIds = [...new Set([...keys.userIds, ...keys.laterUserIds])];
			const users = await queryUsers(
				db,
				`SELECT ${USER_COLUMNS} FROM users WHERE site_id = $1 AND (
				   id IN (SELECT jsonb_array_elements_text($2::jsonb))
				   OR email IN (SELECT jsonb_array_elements_text($3::jsonb))
				   OR phone_digits IN (SELECT jsonb_array_elements_text($4::jsonb)))`,
				[site, keysJson(userIds), keysJson(keys.emails), keysJson(keys.phones)]
			);
			const cards = keys.cards.length
				? await db.query<CardRow>(
						`SELECT ${CARD_COLUMNS} FROM cards
						 WHERE site_id = $1 AND number IN (SELECT jsonb_array_elements_text($2::jsonb))`,
						[site, keysJson(keys.cards)]
					)
				: [];
			const wanted = new Set<string>(userIds);
			const emails = new Set(keys.emails);
			const phones = new Set(keys.phones);
			const result: ChunkLookups = {
				users: new Map(),
				byEmail: new Map(),
				byPhone: new Map(),
				cards: new Map(cards.map((row) => [row.number as CardNumber, cardRecordOf(row)])),
				cardCounts: new Map()
			};
			for (const user of users) {
				// As the browser's look-up: by ID only the chunk's users; by email and phone their owners.
				if (wanted.has(user.id)) result.users.set(user.id, user);
				if (user.email && emails.has(user.email)) result.byEmail.set(user.email, user);
				if (user.phoneDigits && phones.has(user.phoneDigits))
					result.byPhone.set(user.phoneDigits, user);
			}
			const holders = [...result.cards.values()]
				.map((card) => card.userId)
				.filter((id) => !result.users.has(id));
			if (holders.length) {
				for (const holder of await queryUsers(
					db,
					`SELECT ${USER_COLUMNS} FROM users
					 WHERE site_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
					[site, keysJson([...new Set(holders)])]
				))
					result.users.set(holder.id, holder);
			}
			const found = [...result.users.keys()];
			if (found.length) {
				const counts = await db.query<{ user_id: string; held: number | string }>(
					`SELECT user_id, count(*) AS held FROM cards
					 WHERE site_id = $1 AND user_id IN (SELECT jsonb_array_elements_text($2::jsonb))
					 GROUP BY user_id`,
					[site, keysJson(found)]
				);
				for (const row of counts) result.cardCounts.set(row.user_id as UserId, Number(row.held));
			}
			return result;
		},

		async maxCardsPerUser() {
			return settingsFrom(await readSetting(db, site, APP_SETTINGS_KEY)).maxCardsPerUser;
		},

		async commit(chunk: ChunkCommit) {
			await db.transaction(async (tx) => {
				await lockSiteForWrite(tx, site);
				// Refused with IMPORT_IN_PROGRESS when another holder took the site (this job's lease
				// lapsed); renews it, with the progress every admin's banner shows.
				await holdLease(
					tx,
					job.admin,
					{
						holder: job.id,
						activity: 'import',
						fileName: job.fileName,
						done: chunk.cursor.rows,
						total: job.totalRows ?? 0
					},
					chunk.now
				);
				const mine = await renewClaim(tx, site, job.id, job.runner, chunk.now + job.claimTtl, {
					cursor: chunk.cursor,
					counters: chunk.counters,
					now: chunk.now
				});
				if (!mine) throw takenOver();
				await announceJob(tx, site, job.id);
				await writeRecords(tx, job.admin, {
					type: 'records.write',
					source: importSource(job.fileName),
					users: chunk.users,
					cards: chunk.cards,
					removeUsers: [],
					removeCards: []
				});
				const key = { site, job: job.id, chunk: chunk.chunk };
				const { results, journal } = chunk;
				await insertChunkRow(tx, 'import_job_results', key, {
					succeeded: results.succeeded,
					failed: results.failed
				});
				await insertChunkRow(tx, 'import_job_journal', key, {
					users: journal.users,
					cards: journal.cards
				});
			});
		}
	};
}

/**
 * One chunk's row of its results or its journal: the job's chunk and two JSON columns, named by
 * the keys of `columns` (the code's own names, never input).
 */
async function insertChunkRow(
	tx: SqlQueryable,
	table: 'import_job_results' | 'import_job_journal',
	key: { site: string; job: string; chunk: number },
	columns: Record<string, unknown>
): Promise<void> {
	const [first, second] = Object.keys(columns);
	if (!first || !second || Object.keys(columns).length !== 2)
		throw new Error(`${table}: a chunk's row has exactly two JSON columns`);
	await tx.query(
		`INSERT INTO ${table} (site_id, job_id, chunk, ${first}, ${second})
		 VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
		[key.site, key.job, key.chunk, JSON.stringify(columns[first]), JSON.stringify(columns[second])]
	);
}

/** The job is no longer this runner's (cancelled, or taken over after its claim lapsed). */
export function takenOver(): ApiFailure {
	return new ApiFailure(
		'IMPORT_IN_PROGRESS',
		'This import is no longer run by this server process: it was cancelled or taken over.'
	);
}

async function queryUsers(
	sql: SqlQueryable,
	text: string,
	params: string[]
): Promise<(User & { version: number })[]> {
	return (await sql.query<UserRow>(text, params)).map(userRecordOf);
}

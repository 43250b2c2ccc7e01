import { describe, expect, it } from 'vitest';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { holdLease } from '../site/import-lease';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { gate } from '../testing/gate';
import { importCsv, IMPORT_SETTINGS } from '../testing/import-csv';
import { siteOwner } from '../testing/uploaded';
import { issueJobCards } from './issue-cards';
import { getJob } from './jobs';
import { ImportRunner } from './runner';

describe.each(TEST_BACKENDS)(
	'card issuing of a server import on $name',
	{ timeout: 120_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		const cardStatuses = async () =>
			new Map(
				(
					await site.server.db.query<{ number: string; status: string }>(
						'SELECT number, status FROM cards'
					)
				).map((row) => [row.number, row.status])
			);
		const createUser = (userId: string) =>
			site.server.call('POST', '/api/mutations', {
				cookie: site.owner,
				body: {
					id: crypto.randomUUID(),
					type: 'user.create',
					values: {
						...emptyUserForm(),
						userId,
						name: `Other ${userId}`,
						email: `o${userId}@example.org`
					}
				}
			});

		it("issues exactly the registered cards of the import's users, and refuses other writes meanwhile", async () => {
			const { db } = site.server;
			// A user the import does not touch.
			expect((await createUser('900001')).statusCode).toBe(200);
			const admin = await siteOwner(db);
			const runner = new ImportRunner(db, {
				fileOf: () => Promise.resolve({ file: new Blob([importCsv(300)]) }),
				rowsPerChunk: 100
			});
			const started = await runner.start(admin, {
				uploadId: 'u1',
				fileName: 'staff.csv',
				settings: IMPORT_SETTINGS
			});
			await runner.idle();
			const imported = await getJob(db, admin.siteId, started.id);
			expect(imported?.status).toBe('finished');
			// One imported card issued already, one revoked: the rule counts them and leaves them.
			await db.query(`UPDATE cards SET status = 'issued' WHERE number = $1`, [String(5_000_007)]);
			await db.query(`UPDATE cards SET status = 'revoked' WHERE number = $1`, [String(5_000_014)]);
			// An imported card given to that user: not a card of the import's users any more.
			await db.query(`UPDATE cards SET user_id = '900001' WHERE number = $1`, [String(5_000_021)]);
			const before = await cardStatuses();
			const expected = [...before]
				.filter(([number, status]) => status === 'registered' && number !== String(5_000_021))
				.map(([number]) => number)
				.sort();
			expect(expected.length).toBe((imported?.counters.cardsCreated ?? 0) - 3);

			// The issuing as the runner launches it, held between chunks while another write tries.
			await db.query(`UPDATE import_jobs SET status = 'issuing', runner = 'test' WHERE id = $1`, [
				started.id
			]);
			await db.transaction((tx) =>
				holdLease(
					tx,
					admin,
					{ holder: started.id, activity: 'issuing', fileName: 'staff.csv', done: 0, total: 0 },
					Date.now()
				)
			);
			const job = await getJob(db, admin.siteId, started.id);
			if (!job) throw new Error('no job');
			const held = gate<undefined>();
			let chunks = 0;
			const second = gate<undefined>();
			const run = issueJobCards({
				db,
				job,
				admin,
				runner: 'test',
				claimTtl: 60_000,
				now: Date.now,
				usersPerChunk: 100,
				betweenChunks: async () => {
					chunks += 1;
					if (chunks === 2) {
						second.open(undefined);
						await held.promise;
					}
				}
			});
			await second.promise;
			const refused = await createUser('900002');
			expect(refused.statusCode).toBe(409);
			expect(refused.json<{ code: string }>().code).toBe('IMPORT_IN_PROGRESS');
			held.open(undefined);
			const tally = await run;

			const after = await cardStatuses();
			const issued = [...after]
				.filter(([number, status]) => status === 'issued' && before.get(number) === 'registered')
				.map(([number]) => number)
				.sort();
			expect(issued).toEqual(expected);
			expect(after.get(String(5_000_021))).toBe('registered');
			expect(after.get(String(5_000_014))).toBe('revoked');
			expect(tally).toMatchObject({
				cards: expected.length,
				alreadyIssued: 1,
				revoked: 1,
				withoutCard: 1
			});
			expect((await getJob(db, admin.siteId, started.id))?.issued).toEqual(tally);
			// Each issued card went out on the feed.
			const feed = await db.query<{ n: number | string }>(
				`SELECT count(*) AS n FROM changes WHERE entity = 'card'`
			);
			expect(Number(feed[0]?.n)).toBeGreaterThanOrEqual(expected.length * 2);
		});
	}
);

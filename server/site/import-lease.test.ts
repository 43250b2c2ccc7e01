import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationBody } from '../../src/lib/domain/mutations';
import { LEASE_TTL_MS, type LeaseClaim } from '../../src/lib/domain/site-lease';
import { listAdmins, theSite } from '../auth/admins';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { freshSitePerTest, signedInAdmin } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { ADMIN, OWNER } from '../testing/people';
import { applyMutation } from './mutations';

const claim = (holder: string, done = 0): LeaseClaim => ({
	holder,
	activity: 'import',
	fileName: 'staff.csv',
	done,
	total: 40_000
});
const AT = 1_790_000_000_000;
const chunk = (holder: string, done: number, ids: string[]) => ({
	type: 'records.write',
	source: 'the import of staff.csv',
	users: ids.map((id) => ({
		id,
		name: `Person ${id}`,
		userType: 'Employee',
		createdAt: AT,
		updatedAt: AT
	})),
	cards: [],
	removeUsers: [],
	removeCards: [],
	lease: claim(holder, done)
});
const newUser = (userId: string): MutationBody => ({
	type: 'user.create',
	values: { ...emptyUserForm(), userId, name: `Person ${userId}`, userType: 'Employee' }
});

interface Answer {
	code?: string;
	message?: string;
	lease?: { adminName: string; done: number };
}
interface Change {
	entity: string;
	record: { holder: string; done: number; adminName: string } | null;
}

describe.each(TEST_BACKENDS)('the site’s import lease on $name', { timeout: 30_000 }, (backend) => {
	let other: string;
	const site = freshSitePerTest(backend);
	beforeEach(async () => {
		other = await signedInAdmin(site.server, site.owner, ADMIN);
	});

	const send = async (cookie: string, body: object, id: string = randomUUID()) => {
		const response = await site.server.call('POST', '/api/mutations', {
			cookie,
			body: { id, ...body }
		});
		return { status: response.statusCode, answer: response.json<Answer>() };
	};
	const leaseChanges = async (): Promise<Change[]> =>
		(await site.server.call('GET', '/api/changes?since=0', { cookie: site.owner }))
			.json<{ changes: Change[] }>()
			.changes.filter((change) => change.entity === 'lease');

	it('refuses every other write while held, lets its own chunks through, and frees the site at release', async () => {
		const taken = await send(site.owner, { type: 'lease.take', lease: claim('run-1') });
		expect(taken).toMatchObject({ status: 200, answer: { lease: { adminName: OWNER.name } } });

		const refused = await send(other, newUser('B1'));
		expect(refused.status).toBe(409);
		expect(refused.answer.code).toBe('IMPORT_IN_PROGRESS');
		expect(refused.answer.message).toContain(
			`Import in progress — staff.csv by ${OWNER.name}, 0 of 40,000 rows`
		);
		// The importing admin's own form is refused too: only the run's chunks hold the lease.
		expect((await send(site.owner, newUser('O1'))).answer.code).toBe('IMPORT_IN_PROGRESS');
		// A chunk without the lease (another run's, an older browser's) is refused as well.
		const { lease: _lease, ...bare } = chunk('run-1', 0, ['X1']);
		expect((await send(other, bare)).answer.code).toBe('IMPORT_IN_PROGRESS');

		expect((await send(site.owner, chunk('run-1', 2_000, ['U1', 'U2']))).status).toBe(200);
		const second = await send(other, { type: 'lease.take', lease: claim('run-2') });
		expect(second.answer.code).toBe('IMPORT_IN_PROGRESS');
		expect(second.answer.message).toContain('2,000 of 40,000 rows');

		expect((await send(site.owner, { type: 'lease.release', holder: 'run-1' })).status).toBe(200);
		expect((await send(other, newUser('B1'))).status).toBe(200);
		const users = await site.server.db.query<{ id: string }>('SELECT id FROM users ORDER BY id');
		expect(users.map((u) => u.id)).toEqual(['B1', 'U1', 'U2']);

		// Every admin hears of it through the feed: taken, renewed with progress, released.
		const changes = await leaseChanges();
		expect(changes.map((c) => c.record?.done ?? null)).toEqual([0, 2_000, null]);
	});

	it('a lease whose holder stopped renewing it frees the site once it expires', async () => {
		const siteRow = await theSite(site.server.db);
		const [admin] = await listAdmins(site.server.db, siteRow?.id ?? '');
		if (!admin) throw new Error('The owner was not set up');
		const at = Date.now();
		const apply = (body: MutationBody, now: number) =>
			applyMutation(site.server.db, admin, { id: randomUUID(), ...body }, now);
		await apply({ type: 'lease.take', lease: claim('gone') }, at);
		expect((await apply(newUser('D1'), at + LEASE_TTL_MS - 1)).status).toBe(409);
		expect((await apply(newUser('D1'), at + LEASE_TTL_MS)).status).toBe(200);
	});

	it('a release by a run that no longer holds the lease changes nothing, and a replayed take answers as first', async () => {
		const id = randomUUID();
		expect((await send(site.owner, { type: 'lease.take', lease: claim('run-1') }, id)).status).toBe(
			200
		);
		expect((await send(site.owner, { type: 'lease.release', holder: 'someone-else' })).status).toBe(
			200
		);
		expect((await send(other, newUser('B1'))).answer.code).toBe('IMPORT_IN_PROGRESS');
		expect(
			(await send(site.owner, { type: 'lease.take', lease: claim('run-1', 5) }, id)).answer.lease
				?.done
		).toBe(0);
		expect(await leaseChanges()).toHaveLength(1);
	});

	it('erase is refused while an import holds the site', async () => {
		await send(site.owner, { type: 'lease.take', lease: claim('run-1') });
		const erase = await site.server.call('POST', '/api/erase', {
			cookie: site.owner,
			body: { confirm: 'ERASE' }
		});
		expect(erase.statusCode).toBe(409);
		expect(erase.json<Answer>().code).toBe('IMPORT_IN_PROGRESS');
	});

	it('a malformed claim is a 400 with a code, and writes nothing', async () => {
		const bad = await send(site.owner, {
			type: 'lease.take',
			lease: { ...claim('run-1'), activity: 'party' }
		});
		expect(bad.status).toBe(400);
		expect(bad.answer.code).toBe('INVALID_INPUT');
		expect(await leaseChanges()).toHaveLength(0);
	});
});

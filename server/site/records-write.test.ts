import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyUserForm } from '../../src/lib/domain/user-form';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';

const AT = 1_790_000_000_000;
const user = (id: string, more: object = {}) => ({
	id,
	name: `Person ${id}`,
	userType: 'Employee',
	lastImportId: 'session-1',
	createdAt: AT,
	updatedAt: AT,
	...more
});
const card = (number: string, userId: string) => ({
	number,
	userId,
	status: 'registered',
	validFrom: '2026-01-01',
	validTo: '2026-12-31',
	importId: 'session-1',
	createdAt: AT,
	updatedAt: AT
});
const write = (more: object) => ({
	type: 'records.write',
	source: 'the import of staff.csv',
	users: [],
	cards: [],
	removeUsers: [],
	removeCards: [],
	...more
});

interface Change {
	version: number;
	entity: string;
	key: string;
	record: { lastImportId?: string; importId?: string } | null;
}

describe.each(TEST_BACKENDS)('records written in bulk on $name', { timeout: 30_000 }, (backend) => {
	const site = freshSitePerTest(backend);

	const send = async (body: object, id: string = randomUUID()) => {
		const response = await site.server.call('POST', '/api/mutations', {
			cookie: site.owner,
			body: { id, ...body }
		});
		return {
			status: response.statusCode,
			answer: response.json<{ code?: string; message?: string }>()
		};
	};
	const feed = async (): Promise<Change[]> =>
		(await site.server.call('GET', '/api/changes?since=0', { cookie: site.owner })).json<{
			changes: Change[];
		}>().changes;
	const count = async (table: 'users' | 'cards') =>
		Number((await site.server.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

	it('writes a chunk of users and cards, each a change carrying its import, and a replay writes nothing more', async () => {
		const id = randomUUID();
		const chunk = write({
			users: [user('U1'), user('U2', { email: 'two@example.com' })],
			cards: [card('1001', 'U1'), card('1002', 'U2')]
		});
		const first = await send(chunk, id);
		expect(first.status).toBe(200);
		expect(await send(chunk, id)).toEqual(first);
		const changes = await feed();
		expect(changes.map((c) => `${c.entity}:${c.key}`)).toEqual([
			'user:U1',
			'user:U2',
			'card:1001',
			'card:1002'
		]);
		expect(changes.map((c) => c.version)).toEqual([1, 2, 3, 4]);
		expect(changes[0]?.record?.lastImportId).toBe('session-1');
		expect(changes[2]?.record?.importId).toBe('session-1');
	});

	it('removes users with their cards and puts records back, as an undo does', async () => {
		await send(write({ users: [user('U1'), user('U2')], cards: [card('1001', 'U1')] }));
		const undo = await send(
			write({ removeUsers: ['U1'], users: [user('U2', { name: 'Before' })] })
		);
		expect(undo.status).toBe(200);
		expect(await count('users')).toBe(1);
		expect(await count('cards')).toBe(0);
		const tail = (await feed())
			.slice(3)
			.map((c) => `${c.entity}:${c.key}:${c.record ? 'put' : 'gone'}`);
		expect(tail).toEqual(['card:1001:gone', 'user:U1:gone', 'user:U2:put']);
	});

	it('refuses a record that breaks the rules, naming it, and writes nothing of the chunk', async () => {
		const refused = await send(
			write({ users: [user('U1'), user('U2', { email: 'not an email' })] })
		);
		expect(refused.status).toBe(400);
		expect(refused.answer.code).toBe('INVALID_INPUT');
		expect(refused.answer.message).toContain('User 2 of the chunk');
		expect(await count('users')).toBe(0);
		expect(await feed()).toEqual([]);
	});

	it('refuses a chunk whose email another user took meanwhile, and writes nothing of it', async () => {
		const taken = await send({
			type: 'user.create',
			values: { ...emptyUserForm(), userId: 'X1', name: 'Xena', email: 'dup@example.com' }
		});
		expect(taken.status).toBe(200);
		const refused = await send(
			write({ users: [user('U1'), user('U2', { email: 'dup@example.com' })] })
		);
		expect(refused.status).toBe(409);
		expect(refused.answer.code).toBe('DUPLICATE_EMAIL');
		expect(await count('users')).toBe(1);
		expect(await feed()).toHaveLength(1);
	});

	it('names the import when a form saved over what it wrote meanwhile is refused', async () => {
		const created = await send({
			type: 'user.create',
			values: { ...emptyUserForm(), userId: 'U1', name: 'Ana' }
		});
		expect(created.status).toBe(200);
		await send(write({ users: [user('U1', { name: 'Ana Imported' })] }));
		const stale = await send({
			type: 'user.update',
			userId: 'U1',
			baseVersion: 1,
			values: { ...emptyUserForm(), userId: 'U1', name: 'Ana Typed' }
		});
		expect(stale.status).toBe(409);
		expect(stale.answer.message).toContain('changed by the import of staff.csv');
	});

	it('refuses a card for a user the site does not have', async () => {
		const refused = await send(write({ cards: [card('1001', 'NOBODY')] }));
		expect(refused.status).toBe(404);
		expect(refused.answer.code).toBe('NOT_FOUND');
	});
});

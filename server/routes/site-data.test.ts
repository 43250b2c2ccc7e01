import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshSitePerTest } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { emptyUserForm } from '../../src/lib/domain/user-form';

const BLANK = emptyUserForm();
const CARD = {
	number: '1087538182',
	type: 'decimal',
	validFrom: '2026-01-01',
	validTo: '2026-12-31'
};

interface Answer {
	code?: string;
	message?: string;
	detail?: { userId?: string; fields?: unknown; changedBy?: string; current?: object };
	user?: { id: string; name: string; version: number };
	version?: number;
}
interface Page {
	changes: { version: number; entity: string; key: string; record: { name?: string } | null }[];
	cursor: number;
	version: number;
	more: boolean;
}

describe.each(TEST_BACKENDS)(
	'people, cards and their changes on $name',
	{ timeout: 30_000 },
	(backend) => {
		const site = freshSitePerTest(backend);

		async function mutate(body: object, id: string = randomUUID()) {
			const response = await site.server.call('POST', '/api/mutations', {
				cookie: site.owner,
				body: { id, ...body }
			});
			return { status: response.statusCode, answer: response.json<Answer>() };
		}
		const createUser = (values: Partial<typeof BLANK>, id?: string) =>
			mutate({ type: 'user.create', values: { ...BLANK, ...values } }, id);
		async function changes(since: number, limit?: number): Promise<Page> {
			const query = limit ? `since=${since}&limit=${limit}` : `since=${since}`;
			const response = await site.server.call('GET', `/api/changes?${query}`, {
				cookie: site.owner
			});
			expect(response.statusCode).toBe(200);
			return response.json<Page>();
		}

		it('create a user by the form’s rules, with a generated ID, and feed the change', async () => {
			const { status, answer } = await createUser({ name: 'Ana Lima', email: 'Ana@Example.com' });
			expect(status).toBe(200);
			expect(answer.user).toMatchObject({ id: 'U000001', name: 'Ana Lima', version: 1 });
			const page = await changes(0);
			expect(page).toMatchObject({ cursor: 1, version: 1, more: false });
			expect(page.changes[0]).toMatchObject({ entity: 'user', key: 'U000001' });
			expect(page.changes[0]?.record).toMatchObject({ email: 'ana@example.com' });
			expect((await createUser({ name: 'Ben' })).answer.user?.id).toBe('U000002');
		});

		it('feed a record exactly as the mutation answered it, whatever its text holds', async () => {
			// The page's JSON is written by the database (feedPageText): quotes, backslashes and
			// characters beyond the BMP must come back as they went in.
			const { answer } = await createUser({
				name: 'Zoë "Zee" O\\Brien',
				department: 'Doors 🚪 / tab\there'
			});
			expect(answer.user).toMatchObject({ name: 'Zoë "Zee" O\\Brien' });
			const page = await changes(0);
			expect(page.changes).toEqual([
				{ version: 1, entity: 'user', key: answer.user?.id, record: answer.user }
			]);
		});

		it('refuse what the form would refuse, every field at once, and write nothing', async () => {
			const { status, answer } = await createUser({ name: '', email: 'nope', phone: 'abc' });
			expect(status).toBe(400);
			expect(answer.code).toBe('INVALID_INPUT');
			expect(Object.keys(answer.detail?.fields as object)).toEqual(
				expect.arrayContaining(['name', 'email', 'phone'])
			);
			expect((await changes(0)).changes).toEqual([]);
		});

		it('refuse a taken email naming the user who has it', async () => {
			await createUser({ userId: 'E1', name: 'Ana', email: 'ana@example.com' });
			const { status, answer } = await createUser({
				userId: 'E2',
				name: 'Bo',
				email: 'ANA@example.com'
			});
			expect(status).toBe(409);
			expect(answer.code).toBe('DUPLICATE_EMAIL');
			expect(answer.message).toContain('user E1 (Ana)');
			expect(answer.detail?.userId).toBe('E1');
		});

		it('let exactly one of two admins creating the same User ID at once win', async () => {
			const [a, b] = await Promise.all([
				createUser({ userId: 'SAME', name: 'From A' }),
				createUser({ userId: 'SAME', name: 'From B' })
			]);
			expect([a.status, b.status].sort()).toEqual([200, 409]);
			const loser = a.status === 409 ? a : b;
			expect(loser.answer.code).toBe('DUPLICATE_USER_ID');
			expect(loser.answer.message).toMatch(/user SAME \(From [AB]\)/);
			// With the winner as the server holds them, for the loser's replica to show.
			const winner = a.status === 200 ? 'From A' : 'From B';
			expect(loser.answer.detail?.current).toMatchObject({ id: 'SAME', name: winner });
			expect((await changes(0)).changes).toHaveLength(1);
		});

		it('answer a replayed mutation id with its first answer and write once', async () => {
			const id = randomUUID();
			const first = await createUser({ userId: 'R1', name: 'Once' }, id);
			const again = await createUser({ userId: 'R1', name: 'Once' }, id);
			expect(again).toEqual(first);
			const refusedId = randomUUID();
			const refused = await createUser({ userId: 'R1', name: 'Twice' }, refusedId);
			expect(refused.status).toBe(409);
			expect(await createUser({ userId: 'R9', name: 'Other' }, refusedId)).toEqual(refused);
			expect((await changes(0)).changes).toHaveLength(1);
		});

		it('refuse a stale save with who changed what; pass when the fields agree', async () => {
			const created = (await createUser({ userId: 'S1', name: 'Sam' })).answer.user;
			const base = created?.version ?? 0;
			const values = { ...BLANK, userId: 'S1', name: 'Sam', title: 'Guard' };
			expect(
				(await mutate({ type: 'user.update', userId: 'S1', baseVersion: base, values })).status
			).toBe(200);
			const stale = await mutate({
				type: 'user.update',
				userId: 'S1',
				baseVersion: base,
				values: { ...values, title: 'Night guard' }
			});
			expect(stale.status).toBe(409);
			expect(stale.answer.code).toBe('CHANGED_MEANWHILE');
			expect(stale.answer.message).toMatch(/Title was changed by Olga Owner/);
		});

		it('register cards once per number and delete a user with their cards, each a change', async () => {
			await createUser({ userId: 'C1', name: 'Cat' });
			await createUser({ userId: 'C2', name: 'Dan' });
			expect((await mutate({ type: 'card.add', userId: 'C1', card: CARD })).status).toBe(200);
			const taken = await mutate({ type: 'card.add', userId: 'C2', card: CARD });
			expect(taken.answer.code).toBe('DUPLICATE_CARD');
			expect(taken.answer.message).toContain('user C1 (Cat)');
			const badDates = await mutate({
				type: 'card.add',
				userId: 'C2',
				card: { ...CARD, number: '5', validTo: '2025-01-01' }
			});
			expect(badDates.answer.code).toBe('INVALID_INPUT');
			expect((await mutate({ type: 'user.delete', userId: 'C1' })).status).toBe(200);
			const feed = await changes(3);
			expect(feed.changes.map((c) => [c.entity, c.key, c.record])).toEqual([
				['card', '1087538182', null],
				['user', 'C1', null]
			]);
		});

		it('page the feed and say when there is more', async () => {
			for (const n of [1, 2, 3]) await createUser({ userId: `P${n}`, name: `P ${n}` });
			const first = await changes(0, 2);
			expect(first).toMatchObject({ cursor: 2, version: 3, more: true });
			const rest = await changes(first.cursor, 2);
			expect(rest).toMatchObject({ cursor: 3, more: false });
			expect(rest.changes.map((c) => c.key)).toEqual(['P3']);
		});

		it('answer bad mutations and bad cursors with 400 and a code, never a 500', async () => {
			const bodies = [
				{ type: 'user.explode' },
				{ type: 'user.create', values: { name: 5 } },
				{ type: 'card.add', userId: 'x', card: { ...CARD, type: 'octal' } },
				{ type: 'user.update', userId: 'x', baseVersion: -1, values: BLANK }
			];
			for (const body of bodies) {
				const { status, answer } = await mutate(body);
				expect(status).toBe(400);
				expect(answer.code).toBe('INVALID_INPUT');
			}
			const notUuid = await site.server.call('POST', '/api/mutations', {
				cookie: site.owner,
				body: { id: 'x', type: 'user.delete', userId: 'a' }
			});
			expect(notUuid.statusCode).toBe(400);
			for (const query of ['since=-1', 'since=abc', 'since=1&limit=0', '']) {
				const response = await site.server.call('GET', `/api/changes?${query}`, {
					cookie: site.owner
				});
				expect(response.statusCode).toBe(400);
			}
			const missing = await mutate({ type: 'user.delete', userId: 'NOBODY' });
			expect(missing.status).toBe(404);
		});
	}
);

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshSitePerTest, sessionCookieOf } from '../testing/app';
import { TEST_BACKENDS } from '../testing/databases';
import { ADMIN } from '../testing/people';
import { emptyUserForm } from '../../src/lib/domain/user-form';

const NUMBER = '1087538182';

interface CardBody {
	number: string;
	status: string;
	validFrom: string;
	validTo: string;
	issuedAt?: number;
	version: number;
}
interface Answer {
	code?: string;
	message?: string;
	detail?: { fields?: unknown; changedBy?: string; current?: CardBody };
	card?: CardBody;
}

describe.each(TEST_BACKENDS)(
	'card changes from the user page on $name',
	{ timeout: 30_000 },
	(backend) => {
		const site = freshSitePerTest(backend);
		let owner: string;
		let admin: string;
		let registered: CardBody;
		// After the site's own beforeEach: a second admin, and a user with a registered card.
		beforeEach(async () => {
			owner = site.owner;
			await site.server.call('POST', '/api/admins', { cookie: owner, body: ADMIN });
			admin = sessionCookieOf(
				await site.server.call('POST', '/api/session', {
					body: { email: ADMIN.email, password: ADMIN.password }
				})
			);
			const values = { ...emptyUserForm(), userId: 'C1', name: 'Cat' };
			await mutate(owner, { type: 'user.create', values });
			const card = {
				number: NUMBER,
				type: 'decimal',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			};
			const added = await mutate(owner, { type: 'card.add', userId: 'C1', card });
			registered = added.answer.card as CardBody;
		});

		async function mutate(cookie: string, body: object, id: string = randomUUID()) {
			const response = await site.server.call('POST', '/api/mutations', {
				cookie,
				body: { id, ...body }
			});
			return { status: response.statusCode, answer: response.json<Answer>() };
		}
		const update = (cookie: string, baseVersion: number, changes: object, id?: string) =>
			mutate(
				cookie,
				{ type: 'card.update', userId: 'C1', number: NUMBER, baseVersion, changes },
				id
			);
		const feedSince = async (since: number) =>
			(await site.server.call('GET', `/api/changes?since=${since}`, { cookie: owner })).json<{
				changes: { entity: string; key: string; record: CardBody | null }[];
			}>().changes;

		it('issue, revoke and re-date a card, each a change in the feed', async () => {
			const issued = await update(owner, registered.version, { status: 'issued' });
			expect(issued.status).toBe(200);
			expect(issued.answer.card?.status).toBe('issued');
			expect(issued.answer.card?.issuedAt).toBeGreaterThan(0);
			const revoked = await update(owner, issued.answer.card?.version ?? 0, { status: 'revoked' });
			// Revoking keeps when the card was issued.
			expect(revoked.answer.card).toMatchObject({
				status: 'revoked',
				issuedAt: issued.answer.card?.issuedAt
			});
			const redated = await update(owner, revoked.answer.card?.version ?? 0, {
				validFrom: '2026-02-01',
				validTo: '2027-01-31'
			});
			expect(redated.answer.card).toMatchObject({
				status: 'revoked',
				validFrom: '2026-02-01',
				validTo: '2027-01-31'
			});
			const feed = await feedSince(registered.version);
			expect(feed.map((c) => [c.entity, c.key, c.record?.status])).toEqual([
				['card', NUMBER, 'issued'],
				['card', NUMBER, 'revoked'],
				['card', NUMBER, 'revoked']
			]);
		});

		it('refuse dates the card form would refuse, and a card that is not the user’s', async () => {
			const backwards = await update(owner, registered.version, {
				validFrom: '2026-05-01',
				validTo: '2026-04-01'
			});
			expect(backwards.status).toBe(400);
			expect(backwards.answer.code).toBe('INVALID_INPUT');
			expect(backwards.answer.detail?.fields).toHaveProperty('validTo');
			const notADate = await update(owner, registered.version, { validFrom: '2026-13-01' });
			expect(notADate.answer.code).toBe('INVALID_INPUT');
			const elsewhere = await mutate(owner, {
				type: 'card.update',
				userId: 'SOMEONE',
				number: NUMBER,
				baseVersion: registered.version,
				changes: { status: 'issued' }
			});
			expect(elsewhere.status).toBe(404);
			expect(elsewhere.answer.code).toBe('NOT_FOUND');
			const nothing = await update(owner, registered.version, {});
			expect(nothing.status).toBe(400);
			const registeredAgain = await update(owner, registered.version, { status: 'registered' });
			expect(registeredAgain.status).toBe(400);
			expect(await feedSince(registered.version)).toEqual([]);
		});

		it('answer a replayed id with its first answer and change the card once', async () => {
			const id = randomUUID();
			const first = await update(owner, registered.version, { status: 'issued' }, id);
			const again = await update(owner, registered.version, { status: 'issued' }, id);
			expect(again).toEqual(first);
			expect(await feedSince(registered.version)).toHaveLength(1);
		});

		it('refuse a change over a stale version naming who changed what; over the current one it passes', async () => {
			const byOwner = await update(owner, registered.version, { status: 'revoked' });
			expect(byOwner.status).toBe(200);
			const stale = await update(admin, registered.version, {
				validFrom: '2026-03-01',
				validTo: '2026-12-31'
			});
			expect(stale.status).toBe(409);
			expect(stale.answer.code).toBe('CHANGED_MEANWHILE');
			expect(stale.answer.message).toBe(
				`Card ${NUMBER} was changed by Olga Owner (its status) since you looked at it, so nothing was saved. Check the card as it is now and try again.`
			);
			expect(stale.answer.detail).toMatchObject({
				fields: ['status'],
				changedBy: 'Olga Owner',
				current: { status: 'revoked', version: byOwner.answer.card?.version }
			});
			// Over the version the refusal showed, the same change goes through.
			const current = stale.answer.detail?.current?.version ?? 0;
			const retried = await update(admin, current, {
				validFrom: '2026-03-01',
				validTo: '2026-12-31'
			});
			expect(retried.answer.card).toMatchObject({ status: 'revoked', validFrom: '2026-03-01' });
			expect(retried.status).toBe(200);
		});

		it('let a stale change through when the card’s line is as the admin saw it', async () => {
			const sameDates = { validFrom: registered.validFrom, validTo: registered.validTo };
			expect((await update(owner, registered.version, sameDates)).status).toBe(200);
			const issued = await update(admin, registered.version, { status: 'issued' });
			expect(issued.status).toBe(200);
			expect(issued.answer.card?.status).toBe('issued');
		});

		it('refuse a card change while another admin’s import holds the site', async () => {
			const lease = {
				holder: randomUUID(),
				activity: 'import',
				fileName: 'staff.csv',
				done: 0,
				total: 10
			};
			expect((await mutate(admin, { type: 'lease.take', lease })).status).toBe(200);
			const refused = await update(owner, registered.version, { status: 'issued' });
			expect(refused.status).toBe(409);
			expect(refused.answer.code).toBe('IMPORT_IN_PROGRESS');
			expect(await feedSince(registered.version)).toEqual([
				expect.objectContaining({ entity: 'lease' })
			]);
		});

		it('name the bulk write that changed a card last', async () => {
			const issuedByImport = { ...registered, status: 'issued', issuedAt: 5, updatedAt: 6 };
			const { version: _v, ...record } = issuedByImport;
			await mutate(owner, {
				type: 'records.write',
				source: 'issuing the imported cards',
				users: [],
				cards: [{ ...record, createdAt: 1, userId: 'C1' }],
				removeUsers: [],
				removeCards: []
			});
			const stale = await update(admin, registered.version, { status: 'revoked' });
			expect(stale.answer.message).toMatch(/changed by issuing the imported cards \(its status\)/);
		});
	}
);

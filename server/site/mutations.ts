import type { Mutation } from '../../src/lib/domain/mutations';
import { LEASE_ACTIVITIES } from '../../src/lib/domain/site-lease';
import { USER_FORM_FIELDS } from '../../src/lib/domain/user-form';
import type { Admin } from '../auth/admins';
import type { SqlDatabase, SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { addCard, removeCard, updateCard } from './cards';
import { removeUserImage, setUserImage } from './images';
import { assertSiteFree, holdLease, releaseLease } from './import-lease';
import { writeRecords } from './records-write';
import { putSetting } from './settings';
import { createUser, deleteUser, updateUser } from './users';
import { currentVersion, lockSiteForWrite } from './versions';

export interface MutationAnswer {
	status: number;
	body: object;
}

const text = { type: 'string', maxLength: 1000 } as const;

/** The most records one write may carry: a chunk of the import is a few thousand rows. */
export const RECORDS_PER_WRITE = 20_000;
const userValues = {
	type: 'object',
	additionalProperties: false,
	required: USER_FORM_FIELDS,
	properties: Object.fromEntries(USER_FORM_FIELDS.map((field) => [field, text]))
};
const leaseClaim = {
	type: 'object',
	additionalProperties: false,
	required: ['holder', 'activity', 'fileName', 'done', 'total'],
	properties: {
		holder: text,
		activity: { enum: LEASE_ACTIVITIES },
		fileName: text,
		done: { type: 'integer', minimum: 0 },
		total: { type: 'integer', minimum: 0 }
	}
};
const variant = (
	type: Mutation['type'],
	properties: Record<string, object>,
	optional: Record<string, object> = {}
) => ({
	type: 'object',
	additionalProperties: false,
	required: ['id', 'type', ...Object.keys(properties)],
	properties: {
		id: { type: 'string', format: 'uuid' },
		type: { const: type },
		...properties,
		...optional
	}
});

const BASE64 = { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
const PIXELS = { type: 'integer', minimum: 1, maximum: 4096 } as const;

/** The JSON schema of a mutation; ajv's discriminator reports the faults of the named type only. */
export const MUTATION_SCHEMA = {
	type: 'object',
	discriminator: { propertyName: 'type' },
	required: ['type'],
	oneOf: [
		variant('user.create', { values: userValues }),
		variant('user.update', {
			userId: text,
			baseVersion: { type: 'integer', minimum: 0 },
			values: userValues
		}),
		variant('user.delete', { userId: text }),
		variant('card.add', {
			userId: text,
			card: {
				type: 'object',
				additionalProperties: false,
				required: ['number', 'type', 'validFrom', 'validTo'],
				properties: {
					number: text,
					type: { enum: ['decimal', 'hexadecimal'] },
					validFrom: text,
					validTo: text
				}
			}
		}),
		variant('card.remove', { number: text }),
		variant('card.update', {
			userId: text,
			number: text,
			baseVersion: { type: 'integer', minimum: 0 },
			changes: {
				type: 'object',
				additionalProperties: false,
				minProperties: 1,
				properties: { status: { enum: ['issued', 'revoked'] }, validFrom: text, validTo: text }
			}
		}),
		// The records themselves are judged one by one by the backup's record rules (records-write.ts).
		variant(
			'records.write',
			{
				source: text,
				users: { type: 'array', maxItems: RECORDS_PER_WRITE, items: { type: 'object' } },
				cards: { type: 'array', maxItems: RECORDS_PER_WRITE, items: { type: 'object' } },
				removeUsers: { type: 'array', maxItems: RECORDS_PER_WRITE, items: text },
				removeCards: { type: 'array', maxItems: RECORDS_PER_WRITE, items: text }
			},
			{ lease: leaseClaim }
		),
		variant('lease.take', { lease: leaseClaim }),
		variant('lease.release', { holder: text }),
		// The type is judged by setUserImage, which answers 415 rather than the schema's 400.
		variant('image.put', {
			userId: text,
			contentType: text,
			image: BASE64,
			thumbnail: BASE64,
			width: PIXELS,
			height: PIXELS
		}),
		variant('image.remove', { userId: text }),
		// The value is judged by its key's rules (settings.ts).
		variant('setting.put', { key: { type: 'string', minLength: 1, maxLength: 220 }, value: {} })
	]
};

async function run(tx: SqlQueryable, admin: Admin, m: Mutation, now: number): Promise<object> {
	switch (m.type) {
		case 'user.create':
			return { user: await createUser(tx, admin, m.values, now) };
		case 'user.update':
			return { user: await updateUser(tx, admin, m.userId, m.baseVersion, m.values, now) };
		case 'user.delete':
			await deleteUser(tx, admin, m.userId);
			return {};
		case 'card.add':
			return { card: await addCard(tx, admin, m.userId, m.card, now) };
		case 'card.remove':
			await removeCard(tx, admin, m.number);
			return {};
		case 'card.update':
			return { card: await updateCard(tx, admin, m, now) };
		case 'records.write':
			if (m.lease) await holdLease(tx, admin, m.lease, now);
			return { written: await writeRecords(tx, admin, m) };
		case 'lease.take':
			return { lease: await holdLease(tx, admin, m.lease, now) };
		case 'lease.release':
			await releaseLease(tx, admin.siteId, m.holder);
			return {};
		case 'image.put':
			return setUserImage(tx, admin, m, now);
		case 'image.remove':
			return removeUserImage(tx, admin, m.userId);
		case 'setting.put':
			return { setting: await putSetting(tx, admin, m.key, m.value, now) };
	}
}

/**
 * The run a mutation belongs to, which the site's lease lets through: a chunk of the run holding
 * it. A release is always let through (it frees the site or changes nothing).
 */
function leaseHolderOf(m: Mutation): string | undefined {
	if (m.type === 'records.write') return m.lease?.holder;
	if (m.type === 'lease.take') return m.lease.holder;
	return undefined;
}

/**
 * Whether the site's lease judges the mutation. A release never waits on it, and neither does a
 * setting: the defaults and saved mappings lock no user or card, and the running import itself
 * remembers its file's mapping while it holds the lease.
 */
const underLease = (m: Mutation): boolean => m.type !== 'lease.release' && m.type !== 'setting.put';

async function storedAnswer(
	db: SqlQueryable,
	siteId: string,
	id: string
): Promise<MutationAnswer | null> {
	const rows = await db.query<{ status: number; answer: object }>(
		'SELECT status, answer FROM mutations WHERE site_id = $1 AND id = $2',
		[siteId, id]
	);
	const row = rows[0];
	return row ? { status: row.status, body: row.answer } : null;
}

async function storeAnswer(tx: SqlQueryable, admin: Admin, id: string, answer: MutationAnswer) {
	await tx.query(
		`INSERT INTO mutations (site_id, id, admin_id, status, answer) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (site_id, id) DO NOTHING`,
		[admin.siteId, id, admin.id, answer.status, JSON.stringify(answer.body)]
	);
}

/**
 * Applies a mutation in one transaction, or refuses it with a code; either answer is kept, so
 * replaying the id returns the first answer and never writes twice. Two deliveries of one id at
 * once serialise on the site's write lock and the second finds the first's answer.
 */
export async function applyMutation(
	db: SqlDatabase,
	admin: Admin,
	mutation: Mutation,
	now = Date.now()
): Promise<MutationAnswer> {
	const earlier = await storedAnswer(db, admin.siteId, mutation.id);
	if (earlier) return earlier;
	try {
		return await db.transaction(async (tx) => {
			await lockSiteForWrite(tx, admin.siteId);
			const meanwhile = await storedAnswer(tx, admin.siteId, mutation.id);
			if (meanwhile) return meanwhile;
			if (underLease(mutation))
				await assertSiteFree(tx, admin.siteId, now, leaseHolderOf(mutation));
			const body = await run(tx, admin, mutation, now);
			const answer = {
				status: 200,
				body: { ...body, version: await currentVersion(tx, admin.siteId) }
			};
			await storeAnswer(tx, admin, mutation.id, answer);
			return answer;
		});
	} catch (error) {
		if (!(error instanceof ApiFailure)) throw error;
		// The writes rolled back; the refusal is still this id's answer.
		const answer = { status: error.status, body: error.toJSON() };
		await storeAnswer(db, admin, mutation.id, answer);
		return (await storedAnswer(db, admin.siteId, mutation.id)) ?? answer;
	}
}

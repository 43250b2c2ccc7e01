/**
 * Many users and cards written at once, as the browser's import, its undo and bulk card issuing
 * produce them: one chunk a request, judged record by record by the same rules a backup's
 * records obey, applied in a handful of set-based statements inside the mutation's transaction
 * (docs/architecture.md, "Imports through the server").
 */
import { checkCardRecord, checkUserRecord } from '../../src/lib/domain/backup-rules';
import type { Card, User } from '../../src/lib/domain/model';
import type { RecordsWrite } from '../../src/lib/domain/mutations';
import type { Admin } from '../auth/admins';
import { sqlErrorOf, UNIQUE_VIOLATION, type SqlQueryable } from '../db/sql';
import { ApiFailure } from '../http/api-failure';
import { CARD_COLUMNS } from './cards';
import { cardRecordOf, userRecordOf, type CardRow, type UserRow } from './records';
import { USER_COLUMNS } from './users';
import { CHANGES_CHANNEL, type ChangeEntity } from './versions';

/** What a unique constraint guards, for the admin's message. */
const UNIQUE_WHAT: Record<string, { code: 'DUPLICATE_EMAIL' | 'DUPLICATE_PHONE'; what: string }> = {
	users_email_per_site: { code: 'DUPLICATE_EMAIL', what: 'an email' },
	users_phone_per_site: { code: 'DUPLICATE_PHONE', what: 'a phone number' }
};

function checked<T>(
	records: readonly unknown[],
	check: (value: unknown) => { ok: boolean },
	what: string
): T[] {
	records.forEach((record, index) => {
		const result = check(record) as { ok: true } | { ok: false; errors: string[] };
		if (!result.ok)
			throw new ApiFailure(
				'INVALID_INPUT',
				`${what} ${index + 1} of the chunk: ${result.errors[0] ?? 'not valid'}`
			);
	});
	return records as T[];
}

/** Reserves `count` versions of the site and returns the first. */
async function reserveVersions(tx: SqlQueryable, siteId: string, count: number): Promise<number> {
	const rows = await tx.query<{ version: number | string }>(
		'UPDATE site_versions SET version = version + $2 WHERE site_id = $1 RETURNING version',
		[siteId, count]
	);
	return Number(rows[0]?.version ?? 0) - count + 1;
}

interface FeedEntry {
	v: number;
	e: ChangeEntity;
	k: string;
	r: object | null;
}

export async function writeRecords(
	tx: SqlQueryable,
	admin: Admin,
	write: RecordsWrite
): Promise<{ users: number; cards: number; removed: number }> {
	const users = checked<User>(write.users, checkUserRecord, 'User');
	const cards = checked<Card>(write.cards, checkCardRecord, 'Card');
	const site = admin.siteId;
	const feed: FeedEntry[] = [];
	try {
		// Cards of removed users go first and each gets its change, as deleteUser does.
		const removedCards = await tx.query<{ number: string }>(
			`DELETE FROM cards WHERE site_id = $1 AND (number IN (SELECT jsonb_array_elements_text($2::jsonb))
			   OR user_id IN (SELECT jsonb_array_elements_text($3::jsonb)))
			 RETURNING number`,
			[site, JSON.stringify(write.removeCards), JSON.stringify(write.removeUsers)]
		);
		const removedUsers = await tx.query<{ id: string }>(
			'DELETE FROM users WHERE site_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)) RETURNING id',
			[site, JSON.stringify(write.removeUsers)]
		);
		const removals = removedCards.length + removedUsers.length;
		let version = await reserveVersions(tx, site, removals + users.length + cards.length);
		for (const { number } of removedCards)
			feed.push({ v: version++, e: 'card', k: number, r: null });
		for (const { id } of removedUsers) feed.push({ v: version++, e: 'user', k: id, r: null });

		// Whether a user has a photo is the photo's own writes' to say (image.put, image.remove): a
		// chunk judged against an older replica must not clear a photo set meanwhile.
		const userRows = users.length
			? await tx.query<UserRow>(
					`INSERT INTO users (site_id, id, name, email, phone, phone_digits, user_type, department,
					   title, image_file, has_image, created_at, updated_at, version, updated_by, last_import_id,
					   written_by)
					 SELECT $1, r.id, r.name, r.email, r.phone, r."phoneDigits", r."userType", r.department,
					   r.title, r."imageFile", false, r."createdAt", r."updatedAt",
					   r.version, $2, r."lastImportId", $4
					 FROM jsonb_to_recordset($3::jsonb) AS r(id text, name text, email text, phone text,
					   "phoneDigits" text, "userType" text, department text, title text, "imageFile" text,
					   "createdAt" bigint, "updatedAt" bigint, version bigint,
					   "lastImportId" text)
					 ON CONFLICT (site_id, id) DO UPDATE SET
					   name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
					   phone_digits = EXCLUDED.phone_digits, user_type = EXCLUDED.user_type,
					   department = EXCLUDED.department, title = EXCLUDED.title,
					   image_file = EXCLUDED.image_file,
					   created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
					   version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
					   last_import_id = EXCLUDED.last_import_id, written_by = EXCLUDED.written_by
					 RETURNING ${USER_COLUMNS}`,
					[
						site,
						admin.id,
						JSON.stringify(users.map((user) => ({ ...user, version: version++ }))),
						write.source
					]
				)
			: [];
		for (const row of userRows) {
			const record = userRecordOf(row);
			feed.push({ v: record.version, e: 'user', k: record.id, r: record });
		}

		const cardRows = cards.length
			? await tx.query<CardRow>(
					`INSERT INTO cards (site_id, number, user_id, status, valid_from, valid_to, entered_as,
					   wiegand, import_id, issued_at, created_at, updated_at, version, updated_by, written_by)
					 SELECT $1, r.number, r."userId", r.status, r."validFrom", r."validTo", r."enteredAs",
					   r.wiegand, r."importId", r."issuedAt", r."createdAt", r."updatedAt", r.version, $3, $4
					 FROM jsonb_to_recordset($2::jsonb) AS r(number text, "userId" text, status text,
					   "validFrom" text, "validTo" text, "enteredAs" jsonb, wiegand jsonb, "importId" text,
					   "issuedAt" bigint, "createdAt" bigint, "updatedAt" bigint, version bigint)
					 ON CONFLICT (site_id, number) DO UPDATE SET
					   user_id = EXCLUDED.user_id, status = EXCLUDED.status,
					   valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
					   entered_as = EXCLUDED.entered_as, wiegand = EXCLUDED.wiegand,
					   import_id = EXCLUDED.import_id, issued_at = EXCLUDED.issued_at,
					   created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
					   version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
					   written_by = EXCLUDED.written_by
					 RETURNING ${CARD_COLUMNS}`,
					[
						site,
						JSON.stringify(cards.map((card) => ({ ...card, version: version++ }))),
						admin.id,
						write.source
					]
				)
			: [];
		for (const row of cardRows) {
			const record = cardRecordOf(row);
			feed.push({ v: record.version, e: 'card', k: record.number, r: record });
		}
	} catch (error) {
		throw refusalOf(error);
	}
	if (feed.length > 0) {
		await tx.query(
			`INSERT INTO changes (site_id, version, entity, key, record)
			 SELECT $1, (e->>'v')::bigint, e->>'e', e->>'k', e->'r' FROM jsonb_array_elements($2::jsonb) AS e`,
			[site, JSON.stringify(feed)]
		);
		// One notice for the chunk (delivered at commit): replicas then read it as pages.
		await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${site}:${feed.at(-1)?.v ?? 0}`]);
	}
	return {
		users: users.length,
		cards: cards.length,
		removed: feed.length - users.length - cards.length
	};
}

/** A constraint the chunk broke, as the admin's refusal; anything else stays a fault. */
function refusalOf(error: unknown): unknown {
	const { code, constraint } = sqlErrorOf(error);
	const unique = code === UNIQUE_VIOLATION && constraint ? UNIQUE_WHAT[constraint] : undefined;
	if (unique)
		return new ApiFailure(
			unique.code,
			`The chunk gives ${unique.what} that another user of the site already has (written meanwhile): import the rows again to see which.`
		);
	if (code === '23503')
		return new ApiFailure('NOT_FOUND', 'The chunk gives a card to a user the site does not have.');
	return error;
}

// Seeds a site for the first-sync bench: an owner, `count` users with one card each, and the feed
// of their changes, written in bulk SQL (not through the API, which is not what is measured).
//   tsx scripts/bench/seed-site.ts <count> <owner email> <owner password>
// with DATA_DIR or DATABASE_URL as the server reads them.
import { setUpSite } from '../../server/auth/admins';
import { hashPassword } from '../../server/auth/password';
import { readConfig } from '../../server/config';
import { openDatabase } from '../../server/db/open';

const [count, email, password] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!Number.isInteger(count) || !email || !password)
	throw new Error('Usage: seed-site.ts <count> <owner email> <owner password>');
const db = await openDatabase(readConfig());
try {
	const owner = await setUpSite(db, 'Bench site', {
		name: 'Bench Owner',
		email,
		passwordHash: await hashPassword(password)
	});
	const at = Date.now();
	await db.transaction(async (tx) => {
		const site = owner.siteId;
		await tx.query(
			`INSERT INTO users (site_id, id, name, email, phone, phone_digits, user_type, department,
			   created_at, updated_at, version)
			 SELECT $1, 'B' || lpad(i::text, 7, '0'), 'Person ' || i, 'person' || i || '@example.com',
			   '+1 555 ' || lpad(i::text, 7, '0'), '1555' || lpad(i::text, 7, '0'), 'Employee',
			   'Department ' || (i % 40), $2, $2, i
			 FROM generate_series(1, $3::int) AS i`,
			[site, at, count]
		);
		await tx.query(
			`INSERT INTO cards (site_id, number, user_id, status, valid_from, valid_to, created_at,
			   updated_at, version)
			 SELECT $1, (10000000 + i)::text, 'B' || lpad(i::text, 7, '0'), 'registered',
			   '2026-01-01', '2030-12-31', $2, $2, $3::int + i
			 FROM generate_series(1, $3::int) AS i`,
			[site, at, count]
		);
		// The feed's records as server/site/records.ts writes them: the browser's User and Card.
		await tx.query(
			`INSERT INTO changes (site_id, version, entity, key, record)
			 SELECT site_id, version, 'user', id, jsonb_build_object('id', id, 'name', name,
			   'email', email, 'phone', phone, 'phoneDigits', phone_digits, 'userType', user_type,
			   'department', department, 'createdAt', created_at, 'updatedAt', updated_at,
			   'version', version)
			 FROM users WHERE site_id = $1`,
			[site]
		);
		await tx.query(
			`INSERT INTO changes (site_id, version, entity, key, record)
			 SELECT site_id, version, 'card', number, jsonb_build_object('number', number,
			   'userId', user_id, 'status', status, 'validFrom', valid_from, 'validTo', valid_to,
			   'createdAt', created_at, 'updatedAt', updated_at, 'version', version)
			 FROM cards WHERE site_id = $1`,
			[site]
		);
		await tx.query('UPDATE site_versions SET version = $2 WHERE site_id = $1', [site, 2 * count]);
	});
} finally {
	await db.close();
}

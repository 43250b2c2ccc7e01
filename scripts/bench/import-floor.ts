// The floor of the server import bench (scripts/bench/server-import.mjs): the users and cards a
// finished import wrote, read back and written again into a second site of the same database in
// chunk transactions of the import's size, through the same set-based SQL (records-write.ts, its
// feed entries included) and the same indexes — without reading the file, judging a row or
// looking anything up. Only those transactions are timed.
//   tsx scripts/bench/import-floor.ts <rows per chunk>
// with DATA_DIR or DATABASE_URL as the server reads them, the server stopped (PGlite's folder is
// locked while it runs). Prints {"ms": …, "users": …, "cards": …}.
import { performance } from 'node:perf_hooks';
import { insertAdmin, theSite } from '../../server/auth/admins';
import { readConfig } from '../../server/config';
import { openDatabase } from '../../server/db/open';
import { CARD_COLUMNS } from '../../server/site/cards';
import { cardRecordOf, userRecordOf, type CardRow, type UserRow } from '../../server/site/records';
import { writeRecords } from '../../server/site/records-write';
import { USER_COLUMNS } from '../../server/site/users';
import { lockSiteForWrite } from '../../server/site/versions';

const rowsPerChunk = Number(process.argv[2]);
if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1)
	throw new Error('Usage: import-floor.ts <rows per chunk>');

const db = await openDatabase(readConfig());
try {
	const source = await theSite(db);
	if (!source) throw new Error('No site to read the import from');
	const floorAdmin = await db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			"INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Floor') RETURNING id"
		);
		const siteId = rows[0]?.id ?? '';
		await tx.query('INSERT INTO site_versions (site_id) VALUES ($1)', [siteId]);
		return insertAdmin(tx, siteId, {
			name: 'Floor',
			email: 'floor@example.com',
			passwordHash: 'not for signing in',
			role: 'owner'
		});
	});
	let ms = 0;
	let users = 0;
	let cards = 0;
	let after = '';
	for (;;) {
		const userRows = await db.query<UserRow>(
			`SELECT ${USER_COLUMNS} FROM users WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
			[source.id, after, rowsPerChunk]
		);
		if (userRows.length === 0) break;
		const chunkUsers = userRows.map(userRecordOf);
		after = chunkUsers[chunkUsers.length - 1]?.id ?? after;
		const chunkCards = (
			await db.query<CardRow>(
				`SELECT ${CARD_COLUMNS} FROM cards WHERE site_id = $1
				   AND user_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
				[source.id, JSON.stringify(chunkUsers.map((user) => user.id))]
			)
		).map(cardRecordOf);
		const start = performance.now();
		await db.transaction(async (tx) => {
			await lockSiteForWrite(tx, floorAdmin.siteId);
			await writeRecords(tx, floorAdmin, {
				type: 'records.write',
				source: 'the floor',
				users: chunkUsers,
				cards: chunkCards,
				removeUsers: [],
				removeCards: []
			});
		});
		ms += performance.now() - start;
		users += chunkUsers.length;
		cards += chunkCards.length;
	}
	console.log(JSON.stringify({ ms, users, cards }));
} finally {
	await db.close();
}

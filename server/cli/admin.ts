/**
 * npm run admin -- create --email E --name N --password P [--owner]
 * Creates an admin (the first one must be the owner) straight in the site's database.
 */
import { parseArgs } from 'node:util';
import { insertAdmin, setUpSite, theSite } from '../auth/admins';
import { hashPassword } from '../auth/password';
import { readConfig } from '../config';
import { openDatabase } from '../db/open';
import { ApiFailure } from '../http/api-failure';
import { parseAdminInput } from '../routes/admin-input';

const USAGE = 'Usage: npm run admin -- create --email E --name N --password P [--owner]';

async function main(): Promise<number> {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' },
			owner: { type: 'boolean', default: false }
		}
	});
	if (positionals[0] !== 'create' || !values.email || !values.name || !values.password) {
		console.error(USAGE);
		return 2;
	}
	const input = parseAdminInput({
		email: values.email,
		name: values.name,
		password: values.password
	});
	const db = await openDatabase(readConfig());
	try {
		const passwordHash = await hashPassword(input.password);
		const site = await theSite(db);
		if (!site && !values.owner) {
			console.error('This site has no owner yet: create the owner first, with --owner.');
			return 1;
		}
		const admin = site
			? await insertAdmin(db, site.id, {
					...input,
					passwordHash,
					role: values.owner ? 'owner' : 'admin'
				})
			: await setUpSite(db, 'Roster', { ...input, passwordHash });
		console.log(`Created ${admin.role} ${admin.name} <${admin.email}>`);
		return 0;
	} finally {
		await db.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof ApiFailure ? error.message : error);
		process.exit(1);
	}
);

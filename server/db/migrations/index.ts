import siteAndAdmins from './0001-site-and-admins';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/**
 * Every schema change, in order. A migration is never edited once released: a change is a new
 * entry. `migrate.test.ts` runs them from empty and from every earlier version.
 */
export const MIGRATIONS: readonly Migration[] = [
	{ version: 1, name: 'site and admins', sql: siteAndAdmins }
];

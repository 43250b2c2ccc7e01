import siteAndAdmins from './0001-site-and-admins';
import peopleCardsChanges from './0002-people-cards-changes';
import imagesAndSettings from './0004-images-and-settings';

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
	{ version: 1, name: 'site and admins', sql: siteAndAdmins },
	{ version: 2, name: 'people, cards and their changes', sql: peopleCardsChanges },
	{ version: 4, name: 'images and site settings', sql: imagesAndSettings }
];

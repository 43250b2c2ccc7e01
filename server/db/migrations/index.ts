import siteAndAdmins from './0001-site-and-admins';
import peopleCardsChanges from './0002-people-cards-changes';
import importLease from './0003-import-lease';
import imagesAndSettings from './0004-images-and-settings';
import siteEpoch from './0005-site-epoch';
import importMarks from './0006-import-marks';
import cardAuthors from './0007-card-authors';
import uploads from './0008-uploads';
import importJobs from './0009-import-jobs';
import importJobHeader from './0010-import-job-header';
import importJobFeed from './0011-import-job-feed';
import importJobIssuing from './0012-import-job-issuing';

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
	{ version: 3, name: 'the site import lease', sql: importLease },
	// 3 and 4 landed after 5 and 6: the runner applies each version it has no row for, in list
	// order, so a site migrated to 6 first gets 3 and 4 next.
	{ version: 4, name: 'images and site settings', sql: imagesAndSettings },
	{ version: 5, name: 'site epoch, Wiegand cards', sql: siteEpoch },
	{ version: 6, name: 'import marks on users and cards', sql: importMarks },
	{ version: 7, name: 'who last wrote a card', sql: cardAuthors },
	{ version: 8, name: 'uploads', sql: uploads },
	{ version: 9, name: 'import jobs', sql: importJobs },
	{ version: 10, name: 'import job header', sql: importJobHeader },
	{ version: 11, name: 'import jobs in the feed', sql: importJobFeed },
	{ version: 12, name: 'import job card issuing', sql: importJobIssuing }
];

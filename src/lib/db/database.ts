import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Card, SessionId, User } from '$lib/domain/model';
import type { ImportJobView } from '$lib/domain/import-job';
import type { ImportSession } from '$lib/domain/import-session';
import type {
	ImportFile,
	JournalChunk,
	OutboxEntry,
	ReplicaMeta,
	ResultChunk,
	SettingRecord,
	UserImage
} from './records';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const DATABASE_NAME = 'roster';

/** The one Dexie class of Roster. Only repositories and the import engine write through it. */
export class RosterDatabase extends Dexie {
	users!: EntityTable<User, 'id'>;
	cards!: EntityTable<Card, 'number'>;
	importSessions!: EntityTable<ImportSession, 'id'>;
	importFiles!: EntityTable<ImportFile, 'sessionId'>;
	importResults!: Table<ResultChunk, [SessionId, number]>;
	importJournal!: Table<JournalChunk, [SessionId, number]>;
	images!: EntityTable<UserImage, 'userId'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	replica!: EntityTable<ReplicaMeta, 'key'>;
	siteImports!: EntityTable<ImportJobView, 'id'>;

	constructor(name = DATABASE_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
		super(name);
		for (const { version, stores, upgrade } of versions) {
			const declared = this.version(version).stores(stores);
			if (upgrade) declared.upgrade(upgrade);
		}
	}
}

let shared: RosterDatabase | undefined;

/** The database of this page or worker, opened on first use. */
export function database(): RosterDatabase {
	shared ??= new RosterDatabase();
	return shared;
}

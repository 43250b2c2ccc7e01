/**
 * Every version of the `roster` database, oldest first. A new version is appended, never edited:
 * browsers that already hold version N upgrade through each later entry in turn.
 *
 * Keep indexes few: each one is paid on every write of an import (DESIGN.md section 3).
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
	version: number;
	/** Dexie store specs: only the tables that change, `null` deletes a table. */
	stores: Record<string, string | null>;
	/** Rewrites existing records when the shape changes; runs inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: {
			users: 'id, email, phoneDigits',
			cards: 'number, userId',
			importSessions: 'id, status',
			importResults: '[sessionId+chunk]',
			importJournal: '[sessionId+chunk]',
			images: 'userId',
			settings: 'key'
		}
	}
];

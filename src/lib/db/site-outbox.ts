/**
 * Bulk writes of the import engine (a chunk, its undo, fixed rows, card issuing) go to the site
 * server through the replica's outbox: the entry is added inside the same Dexie transaction as
 * the local write, so a chunk committed here is a chunk that will be sent, and a crash loses
 * neither (docs/architecture.md, "Imports through the server"). The site worker sends entries
 * oldest first, one chunk a request; a retry reuses the entry's id, so the server writes it once.
 */
import type { Card, User } from '$lib/domain/model';
import type { MutationBody, RecordsWrite } from '$lib/domain/mutations';
import type { LeaseClaim } from '$lib/domain/site-lease';
import type { RosterDatabase } from './database';

export interface RecordsChange {
	/** What wrote them, for the admin: "the import of staff.csv". */
	source: string;
	users?: readonly User[];
	cards?: readonly Card[];
	removeUsers?: readonly string[];
	removeCards?: readonly string[];
	/** The site's lease the run holds, with its progress after this write. */
	lease?: LeaseClaim | null;
}

/** Describes an import for a refusal's message. */
export const importSource = (fileName: string | undefined): string =>
	fileName ? `the import of ${fileName}` : 'an import';

/**
 * Queues `body` for the server. Call it inside a transaction that includes `db.outbox`; the entry
 * is stamped after the newest one, so entries leave in the order they were written even within
 * one millisecond.
 */
export async function queueSiteWrite(
	db: RosterDatabase,
	body: MutationBody,
	now = Date.now()
): Promise<void> {
	const id = crypto.randomUUID();
	const newest = await db.outbox.orderBy('createdAt').last();
	await db.outbox.add({
		id,
		createdAt: Math.max(now, (newest?.createdAt ?? 0) + 1),
		mutation: { id, ...body },
		// Already applied here by the caller's own transaction; a refusal is shown, not undone.
		before: { users: [], cards: [] }
	});
}

/** Queues a chunk of records for the server (nothing, when the chunk wrote nothing). */
export async function queueRecordsWrite(
	db: RosterDatabase,
	change: RecordsChange,
	now = Date.now()
): Promise<void> {
	const write: RecordsWrite = {
		type: 'records.write',
		source: change.source,
		// Without the replica's own bookkeeping: the server gives the versions.
		users: (change.users ?? []).map(({ version: _version, ...user }) => user),
		cards: (change.cards ?? []).map(({ version: _version, ...card }) => card),
		removeUsers: [...(change.removeUsers ?? [])],
		removeCards: [...(change.removeCards ?? [])],
		...(change.lease ? { lease: change.lease } : {})
	};
	const size =
		write.users.length + write.cards.length + write.removeUsers.length + write.removeCards.length;
	if (size > 0) await queueSiteWrite(db, write, now);
}

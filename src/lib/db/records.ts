/**
 * Shapes of the records stored besides users and cards. Users and cards themselves are domain
 * types (src/lib/domain/model.ts); these belong to storage and the import engine.
 */
import type { FailedRecord, SucceededRecord } from '$lib/domain/result-files';
import type { SessionId, UserId } from '$lib/domain/model';
import type { JournalCard, JournalUser } from '$lib/domain/undo-plan';

/** A saved setting or mapping profile. */
export interface SettingRecord<T = unknown> {
	key: string;
	value: T;
	updatedAt: number;
}

/** The source file of an import session, stored once (not in the session row it belongs to). */
export interface ImportFile {
	sessionId: SessionId;
	file: Blob;
}

/** A user's profile/card image and its list thumbnail. */
export interface UserImage {
	userId: UserId;
	image: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
	updatedAt: number;
}

/** The outcome of one chunk of an import: one record per chunk, not per row (docs/architecture.md, "Data model"). */
export interface ResultChunk {
	sessionId: SessionId;
	chunk: number;
	succeeded: SucceededRecord[];
	failed: FailedRecord[];
}

/**
 * Before-images of what one chunk changed (`null`: the record did not exist), each with a
 * fingerprint of what the chunk wrote. Undo replays these (see undo-plan.ts).
 */
export interface JournalChunk {
	sessionId: SessionId;
	chunk: number;
	users: JournalUser[];
	cards: JournalCard[];
}

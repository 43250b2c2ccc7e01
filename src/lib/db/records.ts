/**
 * Shapes of the records stored besides users and cards. Users and cards themselves are domain
 * types (src/lib/domain/model.ts); these belong to storage and the import engine.
 */
import type { AppError } from '$lib/domain/errors';
import type { Mutation } from '$lib/domain/mutations';
import type { Card, User } from '$lib/domain/model';
import type { FailedRecord, SucceededRecord } from '$lib/domain/result-files';
import type { SessionId, UserId } from '$lib/domain/model';
import type { JournalCard, JournalUser } from '$lib/domain/undo-plan';

/** A saved setting or mapping profile. */
export interface SettingRecord<T = unknown> {
	key: string;
	value: T;
	updatedAt: number;
	/** The site's version of a setting that belongs to the site, as the feed brought it. */
	version?: number;
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
	/** The site's version of the photo, once the server has it. */
	version?: number;
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

/** What a mutation changed in the replica before the server answered, to put back if refused. */
export interface BeforeImages {
	/** Keyed by User ID; `null`: the user did not exist. */
	users: { key: string; record: User | null }[];
	/** Keyed by card number; `null`: the card did not exist. */
	cards: { key: string; record: Card | null }[];
	/** Photos, keyed by User ID; `null`: the user had none. */
	images?: { key: string; record: UserImage | null }[];
	/** The site's settings, keyed by key; `null`: the setting was not stored. */
	settings?: { key: string; record: SettingRecord | null }[];
}

/**
 * A mutation in the outbox: waiting to be sent (in `createdAt` order), or refused by the server,
 * kept with the refusal so the admin is brought back to what they typed.
 */
export interface OutboxEntry {
	id: string;
	createdAt: number;
	mutation: Mutation;
	before: BeforeImages;
	refusal?: AppError;
}

/** Where this browser's replica has read the site's feed up to. */
export interface ReplicaMeta {
	key: 'feed';
	/** The last version applied. */
	cursor: number;
	/** The site's version when last heard of. */
	head: number;
	/** Set once the replica has caught up with the site for the first time. */
	firstSyncDone: boolean;
	/** How many times the site had been erased when this copy was read (the feed's `epoch`). */
	epoch?: number;
}

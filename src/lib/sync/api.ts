/** The contract between the pages and the site worker (src/lib/sync/site-worker.ts). */
import type { AppError } from '$lib/domain/errors';
import type { Card, User } from '$lib/domain/model';
import type { Mutation } from '$lib/domain/mutations';

/**
 * - `syncing`: reading the feed; `live`: caught up and listening; `offline`: the server cannot be
 *   reached (the replica still serves the screens); `signed-out`: the session ended, nothing is
 *   sent or read until the admin signs in again; `browser-only`: this browser holds a site from
 *   before the server, which stays as it is until it is moved in.
 */
export type SyncState = 'starting' | 'syncing' | 'live' | 'offline' | 'signed-out' | 'browser-only';

export interface SyncProgress {
	state: SyncState;
	/** The last version of the site applied to the replica. */
	cursor: number;
	/** The site's version when last heard of. */
	head: number;
	firstSyncDone: boolean;
	/** Mutations waiting to be sent. */
	waiting: number;
	/** Mutations the server refused after they had waited (the admin is brought back to them). */
	refused: number;
}

/** The server's answer to a mutation, or `queued` when it could not be sent now. */
export type MutateAnswer =
	| {
			status: 'applied';
			version: number;
			user?: User;
			card?: Card;
			image?: { userId: string; version: number } | null;
	  }
	| { status: 'refused'; error: AppError }
	| { status: 'queued' };

/** A mutation the server refused after it had waited in the outbox, with what the admin typed. */
export interface KeptRefusal {
	id: string;
	mutation: Mutation;
	error: AppError;
}

export interface SiteSyncApi {
	/** Starts following the site (idempotent): every tab calls it, the first one starts it. */
	start(): Promise<void>;
	/** Calls `onProgress` now and at every change of the progress. */
	subscribe(onProgress: (progress: SyncProgress) => void): Promise<void>;
	/** Puts the mutation in the outbox, applies it to the replica, and sends it. */
	mutate(mutation: Mutation): Promise<MutateAnswer>;
	/** The refusals kept for the admin, oldest first. */
	refusals(): Promise<KeptRefusal[]>;
	/** The admin has their input back: the refusal leaves the outbox. */
	dismiss(id: string): Promise<void>;
}

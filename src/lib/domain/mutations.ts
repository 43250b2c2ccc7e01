/**
 * A write from a browser to the site server: its own id (a retry sends the same one, and the
 * server answers it with the first answer) and what to do. Shared by the server, which judges and
 * applies it, and the browser's outbox, which applies it to the replica at once and sends it.
 */
import type { CardChanges } from './card-changes';
import type { Card, User } from './model';
import type { LeaseClaim } from './site-lease';
import type { CardFormValues, UserFormValues } from './user-form';

export type MutationId = string;

/**
 * Users and cards written as they are, many at once: a chunk of an import, of its undo or of bulk
 * card issuing, already judged by the browser's engine and judged again by the server.
 */
export interface RecordsWrite {
	type: 'records.write';
	/** What wrote them, for the admin ("the import of staff.csv"). */
	source: string;
	users: User[];
	cards: Card[];
	removeUsers: string[];
	removeCards: string[];
	/** The site's lease the writing run holds: each chunk renews it and reports its progress. */
	lease?: LeaseClaim;
}

/** The photo types the browser's resizer writes and the server keeps. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/**
 * A user's photo, already resized in the browser, with its thumbnail: both base64 in one
 * mutation, so the server never holds a photo without its thumbnail.
 */
export interface ImagePut {
	type: 'image.put';
	userId: string;
	contentType: ImageType;
	image: string;
	thumbnail: string;
	width: number;
	height: number;
}

/** A setting that belongs to the site (the defaults, a saved mapping), judged by its key's rules. */
export interface SettingPut {
	type: 'setting.put';
	key: string;
	value: unknown;
}

/**
 * A card issued, revoked or re-dated on its holder's page, over the version the admin saw. The
 * holder is named so that a refusal leads back to that page, and a card that has moved to
 * someone else meanwhile is not changed.
 */
export interface CardUpdate {
	type: 'card.update';
	userId: string;
	number: string;
	baseVersion: number;
	changes: CardChanges;
}

export type MutationBody =
	| { type: 'user.create'; values: UserFormValues }
	| { type: 'user.update'; userId: string; baseVersion: number; values: UserFormValues }
	| { type: 'user.delete'; userId: string }
	| { type: 'card.add'; userId: string; card: CardFormValues }
	| { type: 'card.remove'; number: string }
	| CardUpdate
	| RecordsWrite
	| ImagePut
	| { type: 'image.remove'; userId: string }
	| SettingPut
	/** A run that locks users and cards starts (or resumes): it takes, or renews, the site's lease. */
	| { type: 'lease.take'; lease: LeaseClaim }
	/** The run ended: the site is free again. */
	| { type: 'lease.release'; holder: string };

export type Mutation = { id: MutationId } & MutationBody;

export type MutationType = Mutation['type'];

/**
 * What Undo does with one chunk of an import's journal. Undo puts back the before-image of every
 * record the import wrote, which would silently throw away what happened to those records since:
 * a user edited by hand, a card revoked, a user a later import changed. So each journal entry
 * keeps a fingerprint of what the import wrote, and a record whose current state no longer
 * matches it is left as it is and listed, to be looked at by the admin. (Only one import is open
 * at a time and Complete drops its journal, so what changed a record since is always a hand edit.)
 *
 * The fingerprint covers what the import and the forms set, not the image flag: images attached
 * in Continue Task belong to the import's own work, and Undo treats them as before.
 */
import { showCardNumber } from './card-number';
import type { Card, CardNumber, User, UserId } from './model';

/** A user the import wrote: as it was before (`null`: the import created it), and what it wrote. */
export interface JournalUser {
	id: UserId;
	before: User | null;
	/** userFingerprint of the record the import wrote; absent in journals from older versions. */
	written?: number;
}

export interface JournalCard {
	number: CardNumber;
	before: Card | null;
	/** cardFingerprint of the record the import wrote; absent in journals from older versions. */
	written?: number;
}

/** A record Undo left as it is, for the admin to look at. */
export interface UndoSkip {
	userId: UserId;
	/** The user's name as it is now (or was, when deleted since). */
	name: string;
	/** What happened since the import, e.g. `edited since the import`. */
	reason: string;
}

/** What an undo left as it is: the count, and the first records by name. */
export interface UndoSkipped {
	total: number;
	listed: UndoSkip[];
}

/** Records listed by name; a larger undo counts the rest. */
export const UNDO_SKIPS_LISTED = 100;

export interface UndoPlan {
	users: { remove: UserId[]; restore: User[] };
	cards: { remove: CardNumber[]; restore: Card[] };
	skipped: UndoSkip[];
}

/** 53-bit hash (cyrb53) of a text: collisions are out of reach for the records of one import. */
function hash(text: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function userFingerprint(user: User): number {
	return hash(
		JSON.stringify([
			user.id,
			user.name,
			user.email,
			user.phone,
			user.phoneDigits,
			user.userType,
			user.department,
			user.title,
			user.imageFile,
			user.lastImportId
		])
	);
}

export function cardFingerprint(card: Card): number {
	return hash(
		JSON.stringify([
			card.number,
			card.userId,
			card.status,
			card.validFrom,
			card.validTo,
			card.importId
		])
	);
}

/** Why the record is not what the import wrote any more; null when it is (or is gone anyway). */
function changeSince<T extends User | Card>(
	entry: { before: T | null; written?: number },
	current: T | undefined,
	fingerprint: (record: T) => number
): string | null {
	if (entry.written === undefined) return null;
	if (current === undefined) return entry.before === null ? null : 'deleted since the import';
	return fingerprint(current) === entry.written ? null : 'changed since the import';
}

/**
 * Decides one journal chunk against the records as they are now. `users` holds the current
 * records of the chunk's users and of the holders of its cards; `laterCards` a card registered
 * since the import to a user the import created (one is enough to leave that user as it is).
 */
export function planUndo(
	journal: { users: readonly JournalUser[]; cards: readonly JournalCard[] },
	users: ReadonlyMap<UserId, User>,
	cards: ReadonlyMap<CardNumber, Card>,
	laterCards: ReadonlyMap<UserId, CardNumber> = new Map()
): UndoPlan {
	const plan: UndoPlan = {
		users: { remove: [], restore: [] },
		cards: { remove: [], restore: [] },
		skipped: []
	};
	const left = new Set<UserId>();
	for (const entry of journal.users) {
		const current = users.get(entry.id);
		const later = entry.written === undefined ? undefined : laterCards.get(entry.id);
		const reason =
			changeSince(entry, current, userFingerprint) ??
			(later === undefined ? null : `card ${later} registered since the import`);
		if (reason !== null) {
			left.add(entry.id);
			plan.skipped.push({ userId: entry.id, name: (current ?? entry.before)?.name ?? '', reason });
		} else if (entry.before === null) plan.users.remove.push(entry.id);
		else plan.users.restore.push(entry.before);
	}
	const removed = new Set(plan.users.remove);
	/** How a card's holder is named: as they will be once this chunk is undone. */
	const restored = new Map(plan.users.restore.map((user) => [user.id, user.name]));
	for (const entry of journal.cards) {
		const current = cards.get(entry.number);
		const holder = current?.userId ?? entry.before?.userId;
		// A user left as it is keeps their cards; a user undone away takes theirs along.
		if (holder !== undefined && left.has(holder)) continue;
		const reason =
			holder !== undefined && removed.has(holder)
				? null
				: changeSince(entry, current, cardFingerprint);
		if (reason !== null && holder !== undefined) {
			plan.skipped.push({
				userId: holder,
				name: restored.get(holder) ?? users.get(holder)?.name ?? '',
				reason: `card ${shownCard(entry.number, current ?? entry.before)} ${reason}`
			});
		} else if (entry.before === null) plan.cards.remove.push(entry.number);
		else plan.cards.restore.push(entry.before);
	}
	return plan;
}

/** A card for the message: its decimal number, a Wiegand card by its parts (`FC 17 · 1037`). */
function shownCard(number: CardNumber, record: Card | null | undefined): string {
	return record?.wiegand ? showCardNumber({ number, wiegand: record.wiegand }) : number;
}

/**
 * What an undo did so far, kept in the session (through a resumed undo) for its progress bar and
 * for the results screen once it ends.
 */
export interface UndoTally {
	/** Journal chunks replayed. */
	chunks: number;
	usersRemoved: number;
	usersRestored: number;
	cardsRemoved: number;
	cardsRestored: number;
}

/** Adds what one chunk's plan did; `moreCardsRemoved` went with the users it removed. */
export function addToTally(
	soFar: UndoTally | undefined,
	plan: UndoPlan,
	moreCardsRemoved: number
): UndoTally {
	return {
		chunks: (soFar?.chunks ?? 0) + 1,
		usersRemoved: (soFar?.usersRemoved ?? 0) + plan.users.remove.length,
		usersRestored: (soFar?.usersRestored ?? 0) + plan.users.restore.length,
		cardsRemoved: (soFar?.cardsRemoved ?? 0) + plan.cards.remove.length + moreCardsRemoved,
		cardsRestored: (soFar?.cardsRestored ?? 0) + plan.cards.restore.length
	};
}

/** Adds a chunk's skipped records to what the undo left so far. */
export function addSkipped(soFar: UndoSkipped | undefined, more: readonly UndoSkip[]): UndoSkipped {
	const listed = soFar?.listed ?? [];
	return {
		total: (soFar?.total ?? 0) + more.length,
		listed: [...listed, ...more.slice(0, Math.max(0, UNDO_SKIPS_LISTED - listed.length))]
	};
}

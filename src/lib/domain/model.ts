/**
 * The records Roster keeps, as plain data. Storage (src/lib/db) persists exactly these shapes;
 * the import rules and the screens read and produce them. No DOM, no Dexie here.
 */

declare const brand: unique symbol;
/** A nominal type: a string that has been checked to be a T. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** User ID: 1–32 of letters, digits, `-` `_` `.`. */
export type UserId = Brand<string, 'UserId'>;
/** A card number in canonical form: the unsigned 64-bit value as a decimal string, no leading zeros. */
export type CardNumber = Brand<string, 'CardNumber'>;
/** An import session's id. */
export type SessionId = Brand<string, 'SessionId'>;
/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = Brand<string, 'IsoDate'>;

export const USER_TYPES = ['Employee', 'Visitor', 'Member'] as const;
export type UserType = (typeof USER_TYPES)[number];

export const CARD_STATUSES = ['registered', 'issued', 'revoked'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export type CardIdType = 'decimal' | 'hexadecimal';

/** The Wiegand formats a card can be written in (domain/wiegand.ts has their layouts). */
export const WIEGAND_FORMATS = ['h10301', 'corporate1000', 'h10304'] as const;
export type WiegandFormat = (typeof WIEGAND_FORMATS)[number];
/** How a card is identified: its chip's serial number (CSN), or a Wiegand format's parts. */
export type CardFormat = 'csn' | WiegandFormat;

/**
 * A Wiegand credential: its format, its two parts, and the bits a reader sends for them, parity
 * bits included, first bit first (`bits.length` is the format's length). The card's `number` is
 * its key (`wiegandKey`), which no CSN can take (docs/architecture.md, "Data model").
 */
export interface WiegandCredential {
	format: WiegandFormat;
	/** Facility code (site code); Corporate 1000 calls it the company ID. */
	facilityCode: number;
	cardNumber: number;
	bits: string;
}

/**
 * A card number as the admin wrote it: its type and its digits (no `0x`, hex in upper case,
 * leading zeros kept), so screens, messages, files and print show the card the way it was entered.
 */
export interface CardForm {
	type: CardIdType;
	digits: string;
}
export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
export type OverwritePolicy = 'keep' | 'overwrite';

export interface User {
	id: UserId;
	name: string;
	/** Lower-cased; indexed for the uniqueness check. */
	email?: string;
	/** As the admin wrote it (trimmed). */
	phone?: string;
	/** Digits of `phone` only; indexed: phones are compared by digits. */
	phoneDigits?: string;
	userType: UserType;
	department?: string;
	title?: string;
	/**
	 * The name of the user's image file as the import's `Image file name` column gave it (trimmed,
	 * no folders), so the bulk image upload can match that file to this user. Not indexed: it is
	 * only read for the users of one import, never searched.
	 */
	imageFile?: string;
	/** Set when the user has a profile image (the images table is keyed by user id). */
	hasImage?: boolean;
	createdAt: number;
	updatedAt: number;
	lastImportId?: SessionId;
	/** The site server's version of this record; absent in a browser-only site. */
	version?: number;
}

export interface Card {
	number: CardNumber;
	userId: UserId;
	status: CardStatus;
	validFrom: IsoDate;
	validTo: IsoDate;
	/**
	 * How the number was entered, when that is not its canonical decimal (hex, or leading zeros).
	 * Not indexed: `number` stays the key and the uniqueness rule. Cards stored before it existed
	 * lack it and show as decimal.
	 */
	enteredAs?: CardForm;
	/** Set for a Wiegand card; a CSN card has none. Not indexed: `number` is the key. */
	wiegand?: WiegandCredential;
	issuedAt?: number;
	importId?: SessionId;
	createdAt: number;
	updatedAt: number;
	/** The site server's version of this record; absent in a browser-only site. */
	version?: number;
}

/**
 * The editable part of a user: what the user form provides. `imageFile` comes only from an import
 * (the form does not show it), so an edit in the form keeps it as it was.
 */
export type UserInput = Omit<
	User,
	'createdAt' | 'updatedAt' | 'lastImportId' | 'hasImage' | 'imageFile' | 'version'
>;

/** The editable part of a card. */
export type CardInput = Pick<
	Card,
	'number' | 'enteredAs' | 'wiegand' | 'userId' | 'validFrom' | 'validTo'
>;

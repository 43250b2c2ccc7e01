/**
 * The rule of each user field, one function per field, shared by the import and the user form.
 * Each takes a trimmed, non-blank value and returns the stored form or a message that names the
 * field and the value.
 */
import { revealInvisible } from './bidi';
import { scientificNotationProblem } from './excel-damage';
import { FIELDS, type FieldKey } from './fields';
import { imageFileKey } from './image-matching';
import { USER_TYPES, type UserId, type UserType } from './model';
import { fail, ok, type Result } from './result';

export const USER_ID_MAX = 32;
export const NAME_MAX = 100;
export const TEXT_MAX = 100;
/** The longest file name common file systems allow. */
export const IMAGE_FILE_MAX = 255;
export const PHONE_MIN_DIGITS = 7;
export const PHONE_MAX_DIGITS = 15;

/** ASCII letters and digits: IDs travel into file names (bulk images) and other systems. */
const USER_ID = /^[A-Za-z0-9._-]+$/;
/** Pragmatic address check: something@domain.tld, no spaces, no characters mail systems reject. */
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@(?:[^\s@"(),:;<>[\]\\.]+\.)+[^\s@"(),:;<>[\]\\.]{2,}$/u;
const PHONE = /^\+?[0-9\s\-()]+$/;

/**
 * Quotes a cell for a message; very long cells are cut so the message stays readable, and
 * invisible bidi and zero-width characters are written out so they neither hide nor flip the text.
 */
export function quote(value: string): string {
	const chars = [...revealInvisible(value)];
	return `"${chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : chars.join('')}"`;
}

const length = (value: string): number => [...value].length;

// Finding control characters is the point of these three.
/* eslint-disable no-control-regex */
/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** The same with tab, LF and CR: for fields of one line. */
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROLS_SHOWN = /[\u0000-\u001F\u007F-\u009F]/g;
/* eslint-enable no-control-regex */
/** Free text, where a quoted CSV cell may break lines or hold a tab. */
const MAY_BREAK_LINES: ReadonlySet<FieldKey> = new Set(['name', 'department', 'title']);

/** A control character made visible for a message: `␀` for NUL, `␡` for DEL, `�` for C1. */
function shownControl(char: string): string {
	const code = char.charCodeAt(0);
	if (code < 0x20) return String.fromCharCode(0x2400 + code);
	return code === 0x7f ? '\u2421' : '\ufffd';
}

/**
 * Control characters are invisible, cut text short in other systems (a NUL ends a C string) and
 * never belong in a user's details, so every field refuses them: the import (in every mapped
 * cell, wherever it is in the file) and the form alike. Returns the problem, naming the field,
 * the character and where it is; null when there is none. The caller adds what to do.
 */
export function controlCharacterProblem(key: FieldKey, value: string): string | null {
	const found = (MAY_BREAK_LINES.has(key) ? CONTROL : CONTROL_OR_BREAK).exec(value);
	if (!found) return null;
	const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
	const position = length(value.slice(0, found.index)) + 1;
	const shown = value.replace(CONTROLS_SHOWN, shownControl);
	return `${FIELDS[key].label} ${quote(shown)} holds an invisible control character (U+${code}) at character ${position}`;
}

export function isValidUserId(value: string): value is UserId {
	return value.length >= 1 && value.length <= USER_ID_MAX && USER_ID.test(value);
}

export function parseUserId(value: string): Result<UserId, string> {
	if (isValidUserId(value)) return ok(value);
	const label = FIELDS.userId.label;
	const excel = scientificNotationProblem(`${label} ${quote(value)}`, value);
	if (excel !== null) return fail(excel);
	if (value.length > USER_ID_MAX) {
		return fail(`${label} ${quote(value)} is longer than ${USER_ID_MAX} characters`);
	}
	return fail(`${label} ${quote(value)} may only contain letters, digits, - _ and .`);
}

export function parseName(value: string): Result<string, string> {
	if (value.length === 0) return fail(`${FIELDS.name.label} is missing — every user needs one`);
	if (length(value) > NAME_MAX) {
		return fail(`${FIELDS.name.label} ${quote(value)} is longer than ${NAME_MAX} characters`);
	}
	return ok(value);
}

export function parseEmail(value: string): Result<string, string> {
	if (value.length <= 254 && EMAIL.test(value)) return ok(value.toLowerCase());
	return fail(`${FIELDS.email.label} ${quote(value)} is not a valid address`);
}

/** Whether text is written like a phone number (`+`, digits, spaces, `-`, `(`, `)`). */
export const isPhoneShaped = (value: string): boolean => PHONE.test(value);

/** The digits of a phone number: how phones are compared (`+1 (555) 000-1` = `15550001`). */
export const phoneDigitsOf = (phone: string): string => phone.replace(/[^0-9]/g, '');

export function parsePhone(value: string): Result<{ phone: string; digits: string }, string> {
	const label = FIELDS.phone.label;
	if (!isPhoneShaped(value)) {
		return fail(`${label} ${quote(value)} may only contain +, digits, spaces, - ( and )`);
	}
	const digits = phoneDigitsOf(value);
	if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) {
		return fail(
			`${label} ${quote(value)} has ${digits.length} digits — a phone number has ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS}`
		);
	}
	return ok({ phone: value, digits });
}

export function parseUserType(value: string): Result<UserType, string> {
	const found = USER_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
	if (found) return ok(found);
	return fail(`${FIELDS.userType.label} ${quote(value)} is not Employee, Visitor or Member`);
}

/** Department and Title: free text up to 100 characters. */
export function parseText(label: string, value: string): Result<string, string> {
	if (length(value) > TEXT_MAX) {
		return fail(`${label} ${quote(value)} is longer than ${TEXT_MAX} characters`);
	}
	return ok(value);
}

/** Picture formats a browser may show but Roster does not store: a cell naming one never matches. */
const OTHER_PICTURE = /\.(gif|bmp|tiff?|heic|heif|avif|svg|pdf)$/i;

/**
 * Image file name: the name of the file Continue Task will match to this user. A name, not a
 * path: uploads are matched by file name alone, so a folder in the cell could never match and
 * would only hide the mistake until the images are uploaded.
 */
export function parseImageFileName(value: string): Result<string, string> {
	const label = FIELDS.imageFile.label;
	if (/[\\/]/.test(value)) {
		const base = value.split(/[\\/]/).pop()?.trim() ?? '';
		const hint = base === '' ? '' : `, e.g. ${quote(base)}`;
		return fail(`${label} ${quote(value)} contains a folder — write the file name only${hint}`);
	}
	if (length(value) > IMAGE_FILE_MAX) {
		return fail(`${label} ${quote(value)} is longer than ${IMAGE_FILE_MAX} characters`);
	}
	const other = OTHER_PICTURE.exec(value)?.[1];
	if (other !== undefined) {
		return fail(
			`${label} ${quote(value)} is a ${other.toUpperCase()} file — use a JPEG, PNG or WebP image and write its name`
		);
	}
	if (imageFileKey(value) === '') {
		return fail(`${label} ${quote(value)} has no name before the extension`);
	}
	return ok(value);
}

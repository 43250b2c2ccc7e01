/**
 * The rules a stored user or card must obey when it comes from a backup file rather than from an
 * import or the form. A backup is only a file: anything in it may have been edited or damaged, so
 * each record is held to the same field rules as an import (field-rules.ts, card-number.ts,
 * dates.ts, user-form.ts), in its stored form: trimmed, lower-cased email, canonical card number.
 * Uniqueness across records is the backup checker's job (backup-checks.ts).
 */
import { parseCardNumber } from './card-number';
import {
	parseEmail,
	parseImageFileName,
	parseName,
	parsePhone,
	parseText,
	parseUserId,
	parseUserType,
	quote
} from './field-rules';
import { FIELDS } from './fields';
import {
	CARD_STATUSES,
	WIEGAND_FORMATS,
	type Card,
	type CardNumber,
	type User,
	type WiegandFormat
} from './model';
import { fail, ok, type Result } from './result';
import { validateValidity } from './user-form';
import { isConsistent } from './wiegand';

export type Fields = Record<string, unknown>;

/** A plain object (what JSON gives for `{…}`), not an array or null. */
export function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The checks a record's shape is built from; each returns the problem, or null. */
export const shape = {
	object(value: unknown, what: string): string | null {
		return isFields(value) ? null : `${what} is not an object`;
	},
	text(value: unknown, what: string): string | null {
		return typeof value === 'string' ? null : `${what} is not text`;
	},
	/** A time stamp or size: a finite number, not negative. */
	count(value: unknown, what: string): string | null {
		return typeof value === 'number' && Number.isFinite(value) && value >= 0
			? null
			: `${what} is not a number of 0 or more`;
	},
	whole(value: unknown, what: string): string | null {
		return Number.isInteger(value) && (value as number) >= 0
			? null
			: `${what} is not a whole number of 0 or more`;
	},
	flag(value: unknown, what: string): string | null {
		return typeof value === 'boolean' ? null : `${what} is not true or false`;
	},
	oneOf(value: unknown, choices: readonly string[], what: string): string | null {
		return typeof value === 'string' && choices.includes(value)
			? null
			: `${what} ${quote(String(value))} is not one of ${choices.join(', ')}`;
	},
	/** Runs `check` only when the field is present: optional fields are left out when blank. */
	optional(value: unknown, check: (v: unknown) => string | null): string | null {
		return value === undefined ? null : check(value);
	}
};

/** The first problem of a list of checks, or null when there is none. */
export function firstOf(problems: readonly (string | null)[]): string | null {
	return problems.find((p) => p !== null) ?? null;
}

/** The first problem of a list of checks, as a failed Result; ok when there is none. */
export function firstProblem(problems: readonly (string | null)[]): Result<true, string> {
	const found = firstOf(problems);
	return found === null ? ok(true) : fail(found);
}

/**
 * A stored text field judged by its field rule: present as the rule stores it (already trimmed,
 * in the stored form), or the rule's own message.
 */
function storedText(
	value: unknown,
	label: string,
	rule: (text: string) => Result<string, string>
): string | null {
	if (typeof value !== 'string') return `${label} is not text`;
	if (value.trim() !== value) return `${label} ${quote(value)} has spaces around it`;
	const judged = rule(value);
	if (!judged.ok) return judged.errors.join('; ');
	return judged.value === value ? null : `${label} ${quote(value)} is not in its stored form`;
}

const optionalText = (
	value: unknown,
	label: string,
	rule: (text: string) => Result<string, string>
): string | null => shape.optional(value, (v) => storedText(v, label, rule));

/** A user record as Roster stores it: every field by the import's rule. */
export function checkUserRecord(value: unknown): Result<User, string> {
	if (!isFields(value)) return fail('it is not a user record');
	const phoneProblem = (): string | null => {
		if (value.phone === undefined) {
			return value.phoneDigits === undefined ? null : 'it has phone digits but no Phone';
		}
		const phone = value.phone;
		const problem = storedText(phone, FIELDS.phone.label, (v) => {
			const judged = parsePhone(v);
			return judged.ok ? ok(judged.value.phone) : judged;
		});
		if (problem !== null || typeof phone !== 'string') return problem;
		const digits = parsePhone(phone);
		return digits.ok && value.phoneDigits === digits.value.digits
			? null
			: `the phone digits of Phone ${quote(phone)} do not match it`;
	};
	const checked = firstProblem([
		storedText(value.id, FIELDS.userId.label, parseUserId),
		storedText(value.name, FIELDS.name.label, parseName),
		optionalText(value.email, FIELDS.email.label, parseEmail),
		phoneProblem(),
		storedText(value.userType, FIELDS.userType.label, parseUserType),
		optionalText(value.department, FIELDS.department.label, (v) =>
			parseText(FIELDS.department.label, v)
		),
		optionalText(value.title, FIELDS.title.label, (v) => parseText(FIELDS.title.label, v)),
		optionalText(value.imageFile, FIELDS.imageFile.label, parseImageFileName),
		shape.optional(value.hasImage, (v) => shape.flag(v, 'Has image')),
		shape.count(value.createdAt, 'Created at'),
		shape.count(value.updatedAt, 'Updated at'),
		shape.optional(value.lastImportId, (v) => shape.text(v, 'Last import'))
	]);
	return checked.ok ? ok(value as unknown as User) : checked;
}

/** A Wiegand credential whose parts, bits and key (the card's number) agree. */
function wiegandProblem(number: string, wiegand: unknown): string | null {
	const broken = `the Wiegand card ${quote(number)} is damaged: its key, parts and bits do not agree`;
	if (!isFields(wiegand)) return broken;
	const { format, facilityCode, cardNumber, bits } = wiegand;
	if (
		!WIEGAND_FORMATS.some((f) => f === format) ||
		typeof facilityCode !== 'number' ||
		typeof cardNumber !== 'number' ||
		typeof bits !== 'string'
	) {
		return broken;
	}
	const credential = { format: format as WiegandFormat, facilityCode, cardNumber, bits };
	return isConsistent(number as CardNumber, credential) ? null : broken;
}

/**
 * A card record as Roster stores it: a canonical number (or a Wiegand card whose key, parts and
 * bits agree), a known status, a real period.
 */
export function checkCardRecord(value: unknown): Result<Card, string> {
	if (!isFields(value)) return fail('it is not a card record');
	const numberProblem = (): string | null => {
		if (typeof value.number !== 'string') return `${FIELDS.cardId.label} is not text`;
		if (value.wiegand !== undefined) return wiegandProblem(value.number, value.wiegand);
		const parsed = parseCardNumber(value.number, 'decimal');
		if (!parsed.ok) return parsed.errors.join('; ');
		return parsed.value === value.number
			? null
			: `${FIELDS.cardId.label} ${quote(value.number)} is not in its stored form (no leading zeros)`;
	};
	const periodProblem = (): string | null => {
		if (typeof value.validFrom !== 'string') return `${FIELDS.cardStart.label} is not text`;
		if (typeof value.validTo !== 'string') return `${FIELDS.cardEnd.label} is not text`;
		const validity = validateValidity(value.validFrom, value.validTo);
		if (!validity.ok) {
			const errors = validity.errors[0] ?? {};
			return errors.validFrom ?? errors.validTo ?? 'its validity period is not valid';
		}
		const { validFrom, validTo } = validity.value;
		return validFrom === value.validFrom && validTo === value.validTo
			? null
			: `${FIELDS.cardStart.label} and ${FIELDS.cardEnd.label} are not written YYYY-MM-DD`;
	};
	const checked = firstProblem([
		numberProblem(),
		storedText(value.userId, FIELDS.userId.label, parseUserId),
		shape.oneOf(value.status, CARD_STATUSES, 'Status'),
		periodProblem(),
		shape.optional(value.issuedAt, (v) => shape.count(v, 'Issued at')),
		shape.optional(value.importId, (v) => shape.text(v, 'Import')),
		shape.count(value.createdAt, 'Created at'),
		shape.count(value.updatedAt, 'Updated at')
	]);
	return checked.ok ? ok(value as unknown as Card) : checked;
}

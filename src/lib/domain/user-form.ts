/**
 * A user or card typed by hand obeys exactly the import's rules: this module only arranges the
 * per-field rules of field-rules.ts, card-number.ts and dates.ts for a form, with one message per
 * field so the screen can show it next to the input.
 */
import { readWiegandCells } from './card-cells';
import { readCardNumber, type EnteredCardNumber } from './card-number';
import { parseDate } from './dates';
import {
	controlCharacterProblem,
	parseEmail,
	parseName,
	parsePhone,
	parseText,
	parseUserId,
	parseUserType
} from './field-rules';
import { FIELDS, type FieldKey } from './fields';
import type {
	CardForm,
	CardFormat,
	CardIdType,
	CardNumber,
	IsoDate,
	UserId,
	UserInput,
	WiegandCredential
} from './model';
import { fail, ok, type Result } from './result';

export type UserFormField = Extract<
	FieldKey,
	'userId' | 'name' | 'email' | 'phone' | 'userType' | 'department' | 'title'
>;

export const USER_FORM_FIELDS: readonly UserFormField[] = [
	'userId',
	'name',
	'email',
	'phone',
	'userType',
	'department',
	'title'
];

/** What the form holds: every field as typed. */
export type UserFormValues = Record<UserFormField, string>;

/** One message per field at fault. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function emptyUserForm(): UserFormValues {
	return {
		userId: '',
		name: '',
		email: '',
		phone: '',
		userType: 'Employee',
		department: '',
		title: ''
	};
}

/** The form's values for a stored user. */
export function userFormValues(user: UserInput): UserFormValues {
	return {
		userId: user.id,
		name: user.name,
		email: user.email ?? '',
		phone: user.phone ?? '',
		userType: user.userType,
		department: user.department ?? '',
		title: user.title ?? ''
	};
}

/**
 * Lost updates: a form edits one version of a user, the version it was opened with (the record's
 * `updatedAt`, which changes with every write of the user). Saving it over a newer version would
 * silently put back what the other write changed, so the save is refused when a field of the form
 * differs between the version edited and the stored one. A newer version that differs only in what
 * the form does not show (an image) loses nothing: the save keeps those from the stored record.
 */
export function changedFormFields(edited: UserInput, current: UserInput): UserFormField[] {
	const before = userFormValues(edited);
	const now = userFormValues(current);
	return USER_FORM_FIELDS.filter((key) => before[key] !== now[key]);
}

/**
 * The form after loading the current version: a field the admin left as it was loaded takes the
 * current value, a field they typed in keeps what they typed.
 */
export function withCurrentValues(
	typed: UserFormValues,
	loaded: UserFormValues,
	current: UserFormValues
): UserFormValues {
	const next = { ...typed };
	for (const key of USER_FORM_FIELDS) if (typed[key] === loaded[key]) next[key] = current[key];
	return next;
}

/** `Name`, `Name and Title`, `Name, Email and Title`. */
function fieldLabels(fields: readonly UserFormField[]): string {
	const labels = fields.map((key) => FIELDS[key].label);
	const last = labels.pop();
	return labels.length === 0 ? (last ?? '') : `${labels.join(', ')} and ${last ?? ''}`;
}

/** The refusal of a stale save: what changed, by what, and what to do. */
export function changedMeanwhileMessage(
	fields: readonly UserFormField[],
	changedBy: string
): string {
	const verb = fields.length === 1 ? 'was' : 'were';
	return `${fieldLabels(fields)} ${verb} changed by ${changedBy} since you opened this form, so nothing was saved. Load the current values (what you typed stays), check them and save again.`;
}

/** What the form's fields read as: the values that obey their rule, a message for the others. */
interface ReadForm {
	errors: FieldErrors<UserFormField>;
	id: UserId | null;
	name: Result<string, string>;
	email: string | null;
	phone: { phone: string; digits: string } | null;
	userType: UserInput['userType'] | null;
	department: string | null;
	title: string | null;
}

function readUserForm(values: UserFormValues): ReadForm {
	const errors: FieldErrors<UserFormField> = {};
	const trimmed = (key: UserFormField): string => values[key].trim();
	/** Control characters are refused by the rule the import uses (pasted text may hold them). */
	function hasControl(key: UserFormField, value: string): boolean {
		const problem = controlCharacterProblem(key, value);
		if (problem !== null) errors[key] = `${problem}: delete it and save again`;
		return problem !== null;
	}
	function read<T>(key: UserFormField, rule: (value: string) => Result<T, string>): T | null {
		const value = trimmed(key);
		if (value === '' || hasControl(key, value)) return null;
		const result = rule(value);
		if (result.ok) return result.value;
		errors[key] = result.errors.join('; ');
		return null;
	}
	const id = read('userId', parseUserId);
	const name = parseName(trimmed('name'));
	if (!hasControl('name', trimmed('name')) && !name.ok) errors.name = name.errors.join('; ');
	return {
		errors,
		id,
		name,
		email: read('email', parseEmail),
		phone: read('phone', parsePhone),
		userType: read('userType', parseUserType),
		department: read('department', (v) => parseText(FIELDS.department.label, v)),
		title: read('title', (v) => parseText(FIELDS.title.label, v))
	};
}

/**
 * What of a typed user must be unique among users, for the fields that obey their rule: a form
 * checks these against the stored users even while other fields are at fault, so every message
 * shows at once.
 */
export function uniqueFormKeys(values: UserFormValues): {
	id?: UserId;
	email?: string;
	phoneDigits?: string;
} {
	const { id, email, phone } = readUserForm(values);
	return {
		...(id !== null ? { id } : {}),
		...(email !== null ? { email } : {}),
		...(phone !== null ? { phoneDigits: phone.digits } : {})
	};
}

/**
 * Checks a typed user, every field at once. A blank User ID takes `generatedId` (see nextUserId;
 * null when none is free); a blank User type is an Employee.
 */
export function validateUserForm(
	values: UserFormValues,
	generatedId: UserId | null
): Result<UserInput, FieldErrors<UserFormField>> {
	const { errors, id, name, email, phone, userType, department, title } = readUserForm(values);
	const chosenId = id ?? generatedId;
	if (chosenId === null && errors.userId === undefined) {
		errors.userId = `Every ${FIELDS.userId.label} from U000001 to ${NUMBERED_USER_IDS[1]} is taken: type one`;
	}
	if (!name.ok || chosenId === null || Object.keys(errors).length > 0) return fail(errors);
	const user: UserInput = {
		id: chosenId,
		name: name.value,
		userType: userType ?? 'Employee'
	};
	if (email !== null) user.email = email;
	if (phone !== null) {
		user.phone = phone.phone;
		user.phoneDigits = phone.digits;
	}
	if (department !== null) user.department = department;
	if (title !== null) user.title = title;
	return ok(user);
}

/** The IDs a user typed without one is given: `U` and six digits, in order. */
export const NUMBERED_USER_IDS = ['U000000', 'U999999'] as const;
const NUMBERED = /^U\d{6}$/;

export function isNumberedUserId(id: string): boolean {
	return NUMBERED.test(id);
}

/** The User ID hint of a new user's form, with the ID a blank one would get now. */
export function userIdHint(nextId: UserId | null): string {
	const example = nextId === null ? '' : `, e.g. ${nextId}`;
	return `1–32 letters, digits, - _ or . (blank: the next free ID${example})`;
}

/**
 * The User ID for a user typed without one: the number after `highest` (the highest stored
 * numbered ID), `U000001` when there is none, null when U999999 is taken. Short, readable, and in
 * the order users were added.
 */
export function nextUserId(highest: UserId | undefined): UserId | null {
	const last = highest !== undefined && isNumberedUserId(highest) ? Number(highest.slice(1)) : 0;
	if (last >= 999_999) return null;
	return `U${String(last + 1).padStart(6, '0')}` as UserId;
}

export type CardFormField = 'number' | 'facilityCode' | 'cardNumber' | 'validFrom' | 'validTo';

export interface CardFormValues {
	/** CSN when absent. */
	format?: CardFormat;
	/** A CSN's Card ID. */
	number: string;
	type: CardIdType;
	/** A Wiegand card's parts. */
	facilityCode?: string;
	cardNumber?: string;
	validFrom: string;
	validTo: string;
}

export interface CardFormValue {
	number: CardNumber;
	/** How the number was typed, when that is not its canonical decimal. */
	enteredAs?: CardForm;
	/** A Wiegand card's credential. */
	wiegand?: WiegandCredential;
	validFrom: IsoDate;
	validTo: IsoDate;
}

/**
 * Checks a typed card: a CSN by the Card ID rule in the chosen type, a Wiegand card by the
 * import's rules for its parts (card-cells.ts); real dates, end on or after start.
 */
export function validateCardForm(
	values: CardFormValues
): Result<CardFormValue, FieldErrors<CardFormField>> {
	const errors: FieldErrors<CardFormField> = {};
	const entered = enteredCard(values, errors);
	const validity = validateValidity(values.validFrom, values.validTo);
	if (!validity.ok) Object.assign(errors, validity.errors[0]);
	if (entered === null || !validity.ok) return fail(errors);
	return ok({ ...entered, ...validity.value });
}

function enteredCard(
	values: CardFormValues,
	errors: FieldErrors<CardFormField>
): EnteredCardNumber | null {
	const format = values.format ?? 'csn';
	if (format !== 'csn') {
		const read = readWiegandCells(
			format,
			(values.facilityCode ?? '').trim(),
			(values.cardNumber ?? '').trim()
		);
		if (!read.ok) {
			for (const problem of read.errors) {
				const key = problem.field === 'facilityCode' ? 'facilityCode' : 'cardNumber';
				errors[key] ??= problem.message;
			}
			return null;
		}
		if (read.value === null) {
			errors.facilityCode = `${FIELDS.facilityCode.label} and ${FIELDS.cardNumber.label} are missing`;
		}
		return read.value;
	}
	const number = values.number.trim();
	if (number === '') {
		errors.number = `${FIELDS.cardId.label} is missing`;
		return null;
	}
	const parsed = readCardNumber(number, values.type);
	if (parsed.ok) return parsed.value;
	errors.number = parsed.errors.join('; ');
	return null;
}

/** Checks a card's validity period as typed (date inputs give YYYY-MM-DD). */
export function validateValidity(
	validFrom: string,
	validTo: string
): Result<{ validFrom: IsoDate; validTo: IsoDate }, FieldErrors<'validFrom' | 'validTo'>> {
	const errors: FieldErrors<'validFrom' | 'validTo'> = {};
	const date = (key: 'validFrom' | 'validTo', label: string, text: string): IsoDate | null => {
		if (text.trim() === '') {
			errors[key] = `${label} is missing`;
			return null;
		}
		const parsed = parseDate(text, 'YYYY-MM-DD');
		if (parsed.ok) return parsed.value;
		errors[key] = `${label} "${text.trim()}" ${parsed.errors.join('; ')}`;
		return null;
	};
	const from = date('validFrom', FIELDS.cardStart.label, validFrom);
	const to = date('validTo', FIELDS.cardEnd.label, validTo);
	if (from !== null && to !== null && to < from) {
		errors.validTo = `${FIELDS.cardEnd.label} ${to} is before ${FIELDS.cardStart.label} ${from}`;
	}
	if (from === null || to === null || errors.validTo) return fail(errors);
	return ok({ validFrom: from, validTo: to });
}

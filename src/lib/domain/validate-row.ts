/**
 * Judges one data row of the file against the field rules (field-rules.ts): either it is empty
 * (skipped), or valid with every value in its stored form, or invalid with ALL its problems, so
 * the admin fixes a row once rather than once per problem.
 */
import { parseCardFormatCell, readCardCells } from './card-cells';
import type { EnteredCardNumber } from './card-number';
import { parseDate } from './dates';
import {
	controlCharacterProblem,
	parseEmail,
	parseImageFileName,
	parseName,
	parsePhone,
	parseText,
	parseUserId,
	parseUserType,
	quote
} from './field-rules';
import { FIELDS, type FieldKey } from './fields';
import { unescapeFormula } from './formula';
import type { ImportSettings } from './import-settings';
import { columnOf, hasNameParts, type MappedKey, type Mapping } from './mapping';
import { joinNameParts } from './name-parts';
import type { IsoDate, UserId, UserType } from './model';
import type { Result } from './result';

/** One card of a row: a Card ID cell may hold several (card-list.ts), all with the row's dates. */
export type RowCard = EnteredCardNumber & { validFrom: IsoDate; validTo: IsoDate };

export interface ValidRow {
	/** null: the cell was blank (or the column not mapped); the engine generates one. */
	userId: UserId | null;
	/** '' only in a later row of a User ID (see `ValidateOptions`): the user keeps their name. */
	name: string;
	/** Lower-cased. */
	email: string | null;
	/** As written, trimmed. */
	phone: string | null;
	phoneDigits: string | null;
	/** null: blank; a new user becomes an Employee, an overwrite keeps the existing type. */
	userType: UserType | null;
	department: string | null;
	title: string | null;
	/**
	 * The Image file name cell; absent when blank (or not mapped), which keeps an overwrite from
	 * clearing the stored one. Optional rather than null so rows built before it stay valid.
	 */
	imageFile?: string;
	/**
	 * The row's cards, in the order written; empty when its card cells are blank. Each a CSN (with
	 * how it was written) or a Wiegand card (with its credential), with its validity.
	 */
	cards: RowCard[];
}

export interface ValidateOptions {
	/**
	 * Set for a row whose User ID an earlier row already gave: it adds cards to that user, so its
	 * Name may be blank (in-file-duplicates.ts checks that its other cells agree).
	 */
	nameOptional?: boolean;
}

export interface RowError {
	/** The field at fault, or null when the problem is the row as a whole. */
	field: FieldKey | null;
	message: string;
}

export type RowVerdict =
	{ kind: 'empty' } | { kind: 'valid'; row: ValidRow } | { kind: 'invalid'; errors: RowError[] };

/** `row`: the row's number as a spreadsheet shows it, for messages that send the admin there. */
export function validateRow(
	cells: readonly string[],
	mapping: Mapping,
	settings: ImportSettings,
	row?: number,
	options: ValidateOptions = {}
): RowVerdict {
	if (cells.every((cell) => cell.trim() === '')) return { kind: 'empty' };

	const errors: RowError[] = [];
	const cell = (key: FieldKey): string => fieldCell(cells, mapping, key);
	const inRow = row === undefined ? '' : ` in row ${row}`;
	/** A control character fails the field before its own rule runs (one message, not two). */
	function hasControl(key: FieldKey, value: string): boolean {
		const problem = controlCharacterProblem(key, value);
		if (problem === null) return false;
		errors.push({
			field: key,
			message: `${problem}${inRow}: delete it from the cell in your file (retype the text if you cannot see it) and import the row again`
		});
		return true;
	}
	/** Runs a rule on a non-blank cell, recording its failure; blank → null. */
	function read<T>(key: FieldKey, rule: (value: string) => Result<T, string>): T | null {
		const value = cell(key);
		if (value === '' || hasControl(key, value)) return null;
		const result = rule(value);
		if (result.ok) return result.value;
		for (const message of result.errors) errors.push({ field: key, message });
		return null;
	}

	const userId = read('userId', parseUserId);
	const nameCell = cell('name');
	const nameResult: Result<string, string> =
		nameCell === '' && options.nameOptional ? { ok: true, value: '' } : parseName(nameCell);
	// A name with a control character gets that one message, like every other field.
	if (!hasControl('name', nameCell) && !nameResult.ok) {
		errors.push({ field: 'name', message: nameResult.errors.join('; ') });
	}
	const email = read('email', parseEmail);
	const phone = read('phone', parsePhone);
	const userType = read('userType', parseUserType);
	const department = read('department', (v) => parseText(FIELDS.department.label, v));
	const title = read('title', (v) => parseText(FIELDS.title.label, v));
	const imageFile = read('imageFile', parseImageFileName);
	const cards = readCards();
	/** The row's cards in its Card format (the cell's, else Configure's); none when blank or wrong. */
	function readCards(): EnteredCardNumber[] {
		const keys = ['cardFormat', 'cardId', 'facilityCode', 'cardNumber'] as const;
		if (keys.some((key) => hasControl(key, cell(key)))) return [];
		const formatCell = cell('cardFormat');
		const format = formatCell === '' ? null : parseCardFormatCell(formatCell);
		if (format !== null && !format.ok) {
			for (const message of format.errors) errors.push({ field: 'cardFormat', message });
			return [];
		}
		const read = readCardCells(format?.value ?? settings.cardFormat ?? 'csn', settings.cardIdType, {
			cardId: cell('cardId'),
			facilityCode: cell('facilityCode'),
			cardNumber: cell('cardNumber')
		});
		if (read.ok) return read.value;
		errors.push(...read.errors);
		return [];
	}

	// A date cell that cannot be read is wrong even when the row has no card: the admin meant
	// something by it. Blank cells take the validity chosen in Configure.
	const dateOf = (key: 'cardStart' | 'cardEnd'): IsoDate | null =>
		read(key, (v) => {
			const parsed = parseDate(v, settings.dateFormat, 'Date format');
			return parsed.ok
				? parsed
				: { ok: false, errors: [`${FIELDS[key].label} ${quote(v)} ${parsed.errors.join('; ')}`] };
		});
	const startCell = cell('cardStart');
	const endCell = cell('cardEnd');
	const validFrom = startCell === '' ? settings.startDate : dateOf('cardStart');
	const validTo = endCell === '' ? settings.endDate : dateOf('cardEnd');
	if (cards.length > 0 && validFrom !== null && validTo !== null && validTo < validFrom) {
		const end =
			endCell === '' ? `End date ${validTo}` : `${FIELDS.cardEnd.label} ${quote(endCell)}`;
		const start =
			startCell === ''
				? `Start date ${validFrom}`
				: `${FIELDS.cardStart.label} ${quote(startCell)}`;
		errors.push({ field: 'cardEnd', message: `${end} is before ${start}` });
	}

	if (errors.length > 0 || !nameResult.ok) return { kind: 'invalid', errors };
	return {
		kind: 'valid',
		row: {
			userId,
			name: nameResult.value,
			email,
			phone: phone?.phone ?? null,
			phoneDigits: phone?.digits ?? null,
			userType,
			department,
			title,
			...(imageFile === null ? {} : { imageFile }),
			cards:
				validFrom !== null && validTo !== null
					? cards.map((card) => ({ ...card, validFrom, validTo }))
					: []
		}
	};
}

/**
 * The trimmed cell of a field as the rules read it; '' when unmapped or missing (short rows are
 * common). Name, when its cell is blank (or None), is joined from its parts (name-parts.ts).
 */
export function fieldCell(cells: readonly string[], mapping: Mapping, key: FieldKey): string {
	const value = mappedCell(cells, mapping, key);
	if (key !== 'name' || value !== '' || !hasNameParts(mapping)) return value;
	const part = (k: MappedKey) => mappedCell(cells, mapping, k);
	return joinNameParts(
		{ first: part('firstName'), middle: part('middleName'), last: part('lastName') },
		mapping.nameOrder ?? 'given-first'
	);
}

function mappedCell(cells: readonly string[], mapping: Mapping, key: MappedKey): string {
	const index = columnOf(mapping, key);
	return index === null ? '' : unescapeFormula((cells[index] ?? '').trim()).trim();
}

/**
 * The User ID given to a row whose cell is blank. Deterministic in (session, row), so an import
 * that resumes after a crash gives the same IDs as one that ran through. Example: `G3f9a1c2e-18`.
 */
export function generatedUserId(sessionId: string, rowNumber: number): UserId {
	const prefix = sessionId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'x';
	return `G${prefix}-${Math.trunc(rowNumber)}` as UserId;
}

/**
 * A row's card as its cells give it: a CSN in Card ID, or a Wiegand card as Facility code and
 * Card number, in the row's Card format (its own cell, else the one chosen in Configure). Each
 * function takes trimmed cells ('' when blank or not mapped); see docs/architecture.md,
 * "Field rules".
 */
import { readCardList } from './card-list';
import type { EnteredCardNumber } from './card-number';
import { quote } from './field-rules';
import { FIELDS, type FieldKey } from './fields';
import type { CardFormat, CardIdType, WiegandFormat } from './model';
import { fail, ok, type Result } from './result';
import {
	cardFormatLabel,
	parseCardFormat,
	partProblem,
	WIEGAND_LAYOUTS,
	wiegandCredential,
	wiegandKey
} from './wiegand';

export interface CardProblem {
	field: FieldKey;
	message: string;
}

/** A Card format cell. */
export function parseCardFormatCell(value: string): Result<CardFormat, string> {
	const parsed = parseCardFormat(value);
	return parsed.ok ? parsed : fail(`${FIELDS.cardFormat.label} ${parsed.errors.join('; ')}`);
}

const WHOLE = /^[0-9]+$/;

/** A Facility code or Card number cell: a whole number (its range is the format's to judge). */
function partOf(key: 'facilityCode' | 'cardNumber', value: string): Result<number, CardProblem> {
	if (WHOLE.test(value)) return ok(Number(value));
	return fail({
		field: key,
		message: `${FIELDS[key].label} ${quote(value)} is not a whole number — use digits only`
	});
}

/** The Wiegand card of a row's Facility code and Card number cells; both blank: no card. */
export function readWiegandCells(
	format: WiegandFormat,
	facilityCell: string,
	numberCell: string
): Result<EnteredCardNumber | null, CardProblem> {
	if (facilityCell === '' && numberCell === '') return ok(null);
	const label = WIEGAND_LAYOUTS[format].label;
	const problems: CardProblem[] = [];
	const read = (key: 'facilityCode' | 'cardNumber', value: string): number | null => {
		if (value === '') {
			problems.push({
				field: key,
				message: `${FIELDS[key].label} is missing — ${label} cards need both ${FIELDS.facilityCode.label} and ${FIELDS.cardNumber.label}`
			});
			return null;
		}
		const part = partOf(key, value);
		if (!part.ok) {
			problems.push(...part.errors);
			return null;
		}
		const problem = partProblem(format, key, part.value, FIELDS[key].label);
		if (problem === null) return part.value;
		problems.push({ field: key, message: problem });
		return null;
	};
	const facilityCode = read('facilityCode', facilityCell);
	const cardNumber = read('cardNumber', numberCell);
	if (facilityCode === null || cardNumber === null) return fail(...problems);
	const credential = wiegandCredential(format, { facilityCode, cardNumber });
	if (!credential.ok) {
		return fail(...credential.errors.map((message) => ({ field: 'cardNumber' as const, message })));
	}
	return ok({ number: wiegandKey(credential.value), wiegand: credential.value });
}

/**
 * The cards of a row, none when its card cells are blank: a CSN cell may hold several
 * (`1001/1002`, card-list.ts), a Wiegand row holds one. A cell of the other kind of card
 * (a Card ID in a Wiegand row, a Facility code or Card number in a CSN row) fails the row rather
 * than being dropped: the admin meant a card by it.
 */
export function readCardCells(
	format: CardFormat,
	cardIdType: CardIdType,
	cells: { cardId: string; facilityCode: string; cardNumber: string }
): Result<EnteredCardNumber[], CardProblem> {
	if (format === 'csn') {
		const stray = (['facilityCode', 'cardNumber'] as const).find((key) => cells[key] !== '');
		if (stray !== undefined) {
			return fail({
				field: stray,
				message: `${FIELDS[stray].label} ${quote(cells[stray])} is part of a Wiegand card, but the card format is CSN — choose the format of your cards under Card format (or write it in a ${FIELDS.cardFormat.label} column)`
			});
		}
		if (cells.cardId === '') return ok([]);
		const read = readCardList(cells.cardId, cardIdType);
		return read.ok
			? read
			: fail(...read.errors.map((message) => ({ field: 'cardId' as const, message })));
	}
	if (cells.cardId !== '') {
		return fail({
			field: 'cardId',
			message: `${FIELDS.cardId.label} ${quote(cells.cardId)} is a CSN, but the card format is ${cardFormatLabel(format)} — write the card as ${FIELDS.facilityCode.label} and ${FIELDS.cardNumber.label}, or choose CSN`
		});
	}
	const wiegand = readWiegandCells(format, cells.facilityCode, cells.cardNumber);
	return wiegand.ok ? ok(wiegand.value === null ? [] : [wiegand.value]) : wiegand;
}

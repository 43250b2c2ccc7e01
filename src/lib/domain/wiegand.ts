/**
 * Wiegand card formats: a facility code and a card number, packed with parity bits into the bits
 * a reader sends (docs/architecture.md, "Field rules"). Bit positions count from 0, the first bit
 * sent (the most significant).
 *
 * Layouts, as HID publishes them and as Proxmark3 packs them
 * (github.com/RfidResearchGroup/proxmark3, client/src/wiegand_formats.c, Pack_H10301,
 * Pack_C1k35s, Pack_H10304):
 * - H10301, 26 bits (rfideas.com "Proximity card formats"): `E FFFFFFFF CCCCCCCCCCCCCCCC O`; bit 0
 *   is even parity over bits 1–12, bit 25 odd parity over bits 13–24.
 * - Corporate 1000, 35 bits: `O E CCCCCCCCCCCC NNNNNNNNNNNNNNNNNNNN O`; bit 1 is even parity over
 *   bits 2–33 but every third (2, 3, 5, 6, …), bit 34 odd parity over bits 1–33 but every third
 *   (1, 2, 4, 5, …), bit 0 odd parity over bits 1–34 (Proxmark3's masks 0xB6DB6DB6 and 0x6DB6DB6C).
 * - H10304, 37 bits (ooaccess.com/kb/37-bit-fc): `E F×16 C×19 O`; bit 0 is even parity over bits
 *   1–18, bit 36 odd parity over bits 18–35 (the two halves share bit 18).
 */
import {
	WIEGAND_FORMATS,
	type CardFormat,
	type CardNumber,
	type WiegandCredential,
	type WiegandFormat
} from './model';
import { fail, ok, type Result } from './result';

interface Parity {
	/** Where the parity bit goes. */
	at: number;
	kind: 'even' | 'odd';
	/** The bits it covers (never itself). */
	over: readonly number[];
}

export interface WiegandLayout {
	/** As admins and vendors name it: `H10301`. */
	name: string;
	/** With its length, for choices and messages: `H10301 (26-bit)`. */
	label: string;
	length: number;
	/** What the format calls its first part (Corporate 1000: the company ID). */
	facilityName: string;
	facilityAt: number;
	facilityBits: number;
	cardAt: number;
	cardBits: number;
	/** In the order they are computed: a later one may cover an earlier one. */
	parity: readonly Parity[];
	/** Places the format in the key space above every CSN (see `wiegandKey`). */
	tag: bigint;
}

const range = (from: number, to: number, keep: (bit: number) => boolean = () => true): number[] =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i).filter(keep);

export const WIEGAND_LAYOUTS: Record<WiegandFormat, WiegandLayout> = {
	h10301: {
		name: 'H10301',
		label: 'H10301 (26-bit)',
		length: 26,
		facilityName: 'facility code',
		facilityAt: 1,
		facilityBits: 8,
		cardAt: 9,
		cardBits: 16,
		parity: [
			{ at: 0, kind: 'even', over: range(1, 12) },
			{ at: 25, kind: 'odd', over: range(13, 24) }
		],
		tag: 1n
	},
	corporate1000: {
		name: 'Corporate 1000',
		label: 'Corporate 1000 (35-bit)',
		length: 35,
		facilityName: 'company ID',
		facilityAt: 2,
		facilityBits: 12,
		cardAt: 14,
		cardBits: 20,
		parity: [
			{ at: 1, kind: 'even', over: range(2, 33, (bit) => bit % 3 !== 1) },
			{ at: 34, kind: 'odd', over: range(1, 33, (bit) => bit % 3 !== 0) },
			{ at: 0, kind: 'odd', over: range(1, 34) }
		],
		tag: 2n
	},
	h10304: {
		name: 'H10304',
		label: 'H10304 (37-bit)',
		length: 37,
		facilityName: 'facility code',
		facilityAt: 1,
		facilityBits: 16,
		cardAt: 17,
		cardBits: 19,
		parity: [
			{ at: 0, kind: 'even', over: range(1, 18) },
			{ at: 36, kind: 'odd', over: range(18, 35) }
		],
		tag: 3n
	}
};

export interface WiegandParts {
	facilityCode: number;
	cardNumber: number;
}

/** The largest value of each part. */
export function partLimits(format: WiegandFormat): WiegandParts {
	const layout = WIEGAND_LAYOUTS[format];
	return { facilityCode: 2 ** layout.facilityBits - 1, cardNumber: 2 ** layout.cardBits - 1 };
}

const shown = (n: number): string => n.toLocaleString('en-US');

/**
 * Why a part does not fit the format, naming the part, the value and the range, e.g.
 * `Facility code 300 is out of range — H10301 (26-bit) takes 0–255`; null when it fits.
 * `label` is the field's label as the admin sees it.
 */
export function partProblem(
	format: WiegandFormat,
	part: keyof WiegandParts,
	value: number,
	label: string
): string | null {
	const max = partLimits(format)[part];
	if (Number.isInteger(value) && value >= 0 && value <= max) return null;
	const layout = WIEGAND_LAYOUTS[format];
	const called =
		part === 'facilityCode' && layout.facilityName !== 'facility code'
			? ` (${layout.facilityName})`
			: '';
	return `${label}${called} ${String(value)} is out of range — ${layout.label} takes 0–${shown(max)}`;
}

function writeField(bits: number[], at: number, width: number, value: number): void {
	for (let i = 0; i < width; i += 1) bits[at + i] = Math.floor(value / 2 ** (width - 1 - i)) % 2;
}

function readField(bits: string, at: number, width: number): number {
	return parseInt(bits.slice(at, at + width), 2);
}

/** The parity bit that makes the covered bits even (or odd) with it. */
function parityBit(bits: readonly number[], parity: Parity): number {
	const ones = parity.over.reduce((sum, bit) => sum + (bits[bit] ?? 0), 0);
	return parity.kind === 'even' ? ones % 2 : 1 - (ones % 2);
}

/** The bits a reader sends for these parts, parity included; out-of-range parts fail. */
export function encodeWiegand(format: WiegandFormat, parts: WiegandParts): Result<string, string> {
	const problems = (['facilityCode', 'cardNumber'] as const)
		.map((part) =>
			partProblem(
				format,
				part,
				parts[part],
				part === 'facilityCode' ? 'Facility code' : 'Card number'
			)
		)
		.filter((p): p is string => p !== null);
	if (problems.length > 0) return fail(...problems);
	const layout = WIEGAND_LAYOUTS[format];
	const bits = new Array<number>(layout.length).fill(0);
	writeField(bits, layout.facilityAt, layout.facilityBits, parts.facilityCode);
	writeField(bits, layout.cardAt, layout.cardBits, parts.cardNumber);
	for (const parity of layout.parity) bits[parity.at] = parityBit(bits, parity);
	return ok(bits.join(''));
}

/** The bits as the number a reader reports for them. */
export const wiegandValue = (bits: string): bigint => BigInt(`0b${bits}`);

/** The parts of a value a reader reported in this format; a wrong length or parity fails. */
export function decodeWiegand(format: WiegandFormat, value: bigint): Result<WiegandParts, string> {
	const layout = WIEGAND_LAYOUTS[format];
	if (value < 0n || value >= 1n << BigInt(layout.length)) {
		return fail(
			`${String(value)} does not fit in ${layout.length} bits — it is not ${layout.label}`
		);
	}
	const bits = value.toString(2).padStart(layout.length, '0');
	const digits = [...bits].map(Number);
	const broken = layout.parity.find((parity) => parityBit(digits, parity) !== digits[parity.at]);
	if (broken) {
		return fail(`Parity bit ${broken.at} of ${bits} is wrong — it is not a ${layout.label} card`);
	}
	return ok({
		facilityCode: readField(bits, layout.facilityAt, layout.facilityBits),
		cardNumber: readField(bits, layout.cardAt, layout.cardBits)
	});
}

/** A Wiegand credential for these parts, or why they do not fit the format. */
export function wiegandCredential(
	format: WiegandFormat,
	parts: WiegandParts
): Result<WiegandCredential, string> {
	const bits = encodeWiegand(format, parts);
	return bits.ok ? ok({ format, ...parts, bits: bits.value }) : bits;
}

/** Every CSN is at most 64 bits, so a key above that is a Wiegand card's. */
const CSN_LIMIT = 1n << 64n;

/**
 * The card key (`Card.number`) of a Wiegand credential: the format's tag above 64 bits, then the
 * facility code and the card number. Still a canonical decimal, so keys compare and sort as CSNs
 * do (Wiegand cards after every CSN, by format, facility code, card number), and no CSN and no
 * other format's card can have it: the same parts in another format are another credential.
 */
export function wiegandKey(
	credential: Pick<WiegandCredential, 'format' | keyof WiegandParts>
): CardNumber {
	const layout = WIEGAND_LAYOUTS[credential.format];
	const parts =
		(BigInt(credential.facilityCode) << BigInt(layout.cardBits)) | BigInt(credential.cardNumber);
	return String(layout.tag * CSN_LIMIT + parts) as CardNumber;
}

/** Whether a canonical card number is a Wiegand key rather than a CSN (no CSN reaches 20 digits past 2^64). */
export function isWiegandKey(number: CardNumber): boolean {
	return number.length >= 20 && BigInt(number) >= CSN_LIMIT;
}

/** Whether a stored credential is whole: its key, its parts and its bits agree. */
export function isConsistent(number: CardNumber, credential: WiegandCredential): boolean {
	const encoded = encodeWiegand(credential.format, credential);
	return encoded.ok && encoded.value === credential.bits && wiegandKey(credential) === number;
}

/** How lists, messages and print show a Wiegand card: `FC 17 · 1037`. */
export function showWiegand(parts: WiegandParts): string {
	return `FC ${parts.facilityCode} · ${parts.cardNumber}`;
}

/** The words search finds a Wiegand card by (`17/1037`, `17:1037`, `FC 17`). */
export function wiegandSearchWords(parts: WiegandParts): string {
	return `FC ${parts.facilityCode} ${parts.cardNumber}`;
}

/** Every card format, CSN first: the choices of Configure and of the card form. */
export const CARD_FORMATS: readonly CardFormat[] = ['csn', ...WIEGAND_FORMATS];

/** A format's short name, as files write it: `CSN`, `H10301`, `Corporate 1000`, `H10304`. */
export const cardFormatName = (format: CardFormat): string =>
	format === 'csn' ? 'CSN' : WIEGAND_LAYOUTS[format].name;

/** A format as a choice shows it: `CSN`, `H10301 (26-bit)`, … */
export const cardFormatLabel = (format: CardFormat): string =>
	format === 'csn' ? 'CSN' : WIEGAND_LAYOUTS[format].label;

/** The ways files name each format, compared without case, spaces, `-` or `_`. */
const FORMAT_NAMES: Record<CardFormat, readonly string[]> = {
	csn: ['csn', 'serial', 'serialnumber', 'uid'],
	h10301: ['h10301', '26bit', '26', 'wiegand26', 'h10301(26bit)'],
	corporate1000: [
		'corporate1000',
		'corp1000',
		'c1000',
		'c1k35s',
		'35bit',
		'35',
		'corporate1000(35bit)'
	],
	h10304: ['h10304', '37bit', '37', 'h10304(37bit)']
};

/** A Card format cell: one of the names above. */
export function parseCardFormat(text: string): Result<CardFormat, string> {
	const compact = text.toLowerCase().replace(/[\s_-]+/g, '');
	const found = CARD_FORMATS.find((format) => FORMAT_NAMES[format].includes(compact));
	if (found) return ok(found);
	const names = CARD_FORMATS.map(cardFormatName).join(', ');
	return fail(`"${text}" is not a card format Roster knows — write one of ${names}`);
}

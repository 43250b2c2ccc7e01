import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { WIEGAND_FORMATS, type WiegandFormat } from './model';
import {
	decodeWiegand,
	encodeWiegand,
	isConsistent,
	isWiegandKey,
	parseCardFormat,
	partLimits,
	showWiegand,
	wiegandCredential,
	wiegandKey,
	wiegandValue,
	WIEGAND_LAYOUTS
} from './wiegand';
import type { CardNumber } from './model';

const bits = (format: WiegandFormat, facilityCode: number, cardNumber: number): string => {
	const encoded = encodeWiegand(format, { facilityCode, cardNumber });
	if (!encoded.ok) throw new Error(encoded.errors.join('; '));
	return encoded.value;
};

describe('published examples', () => {
	test('H10301 FC 21 card 15890 is the frame a reader sent for it', () => {
		// github.com/monkeyboard/Wiegand-Protocol-Library-for-Arduino issue #33: the bits of a card
		// with FC 21 and card code 15890.
		expect(bits('h10301', 21, 15890)).toBe('10001010100111110000100100');
	});

	test('H10301 data D4 1B 81 gets even parity 1 in front and odd parity 0 behind', () => {
		// CIVINTEC CN56 reader manual, 6.4.2 "Wiegand26 Format" (manualshive.com, CN56 series p. 25).
		expect(bits('h10301', 0xd4, 0x1b81)).toBe('1' + '110101000001101110000001' + '0');
	});

	test('H10301 FC 1 card 1', () => {
		// E=1 (one 1 among bits 1–12), O=0 (one 1 among bits 13–24).
		expect(bits('h10301', 1, 1)).toBe('1' + '00000001' + '0000000000000001' + '0');
		expect(wiegandValue(bits('h10301', 1, 1))).toBe(0x2020002n);
	});

	test('Corporate 1000 company 1337 card 2137 is 4A72010B3', () => {
		// github.com/jkramarz/TheTick pull request #20: an iCLASS card written by Proxmark3 with
		// `-w C1k35s --fc 1337 --cn 2137` is read as 4A72010B3 (35 bits).
		expect(wiegandValue(bits('corporate1000', 1337, 2137))).toBe(0x4a72010b3n);
		expect(decodeWiegand('corporate1000', 0x4a72010b3n)).toEqual({
			ok: true,
			value: { facilityCode: 1337, cardNumber: 2137 }
		});
	});

	test('H10304: 16-bit facility code at bits 1–16, 19-bit card at 17–35, parities share bit 18', () => {
		// ooaccess.com/kb/37-bit-fc: even parity over bits 0–18, odd over bits 18–36.
		// FC 1, card 1: bits 1–18 hold one 1 (E=1); bits 18–35 hold one 1 (O=0).
		expect(bits('h10304', 1, 1)).toBe('1' + '0000000000000001' + '0000000000000000001' + '0');
		// Card 2^17 sets bit 18 itself, which both halves count: E=1 and O=0.
		expect(bits('h10304', 0, 2 ** 17)).toBe('1' + '0'.repeat(17) + '1' + '0'.repeat(17) + '0');
		// Card 2^18 sets bit 17, which only the even half counts: E=1 and O=1.
		expect(bits('h10304', 0, 2 ** 18)).toBe('1' + '0'.repeat(16) + '1' + '0'.repeat(18) + '1');
	});
});

describe('layouts', () => {
	test('each format has its length, and the parts and parity bits fill every bit once', () => {
		const expected: Record<WiegandFormat, number> = { h10301: 26, corporate1000: 35, h10304: 37 };
		for (const format of WIEGAND_FORMATS) {
			const layout = WIEGAND_LAYOUTS[format];
			expect(layout.length).toBe(expected[format]);
			const used = [
				...Array.from({ length: layout.facilityBits }, (_, i) => layout.facilityAt + i),
				...Array.from({ length: layout.cardBits }, (_, i) => layout.cardAt + i),
				...layout.parity.map((p) => p.at)
			].sort((a, b) => a - b);
			expect(used).toEqual(Array.from({ length: layout.length }, (_, i) => i));
		}
	});

	test('the ranges are those the formats publish', () => {
		expect(partLimits('h10301')).toEqual({ facilityCode: 255, cardNumber: 65_535 });
		expect(partLimits('corporate1000')).toEqual({ facilityCode: 4_095, cardNumber: 1_048_575 });
		expect(partLimits('h10304')).toEqual({ facilityCode: 65_535, cardNumber: 524_287 });
	});
});

describe('ranges', () => {
	test('a part out of range fails with the range named', () => {
		expect(encodeWiegand('h10301', { facilityCode: 300, cardNumber: 1 })).toEqual({
			ok: false,
			errors: ['Facility code 300 is out of range — H10301 (26-bit) takes 0–255']
		});
		expect(encodeWiegand('h10301', { facilityCode: 1, cardNumber: 65_536 })).toEqual({
			ok: false,
			errors: ['Card number 65536 is out of range — H10301 (26-bit) takes 0–65,535']
		});
		expect(encodeWiegand('corporate1000', { facilityCode: 4096, cardNumber: 0 })).toEqual({
			ok: false,
			errors: [
				'Facility code (company ID) 4096 is out of range — Corporate 1000 (35-bit) takes 0–4,095'
			]
		});
		expect(encodeWiegand('h10304', { facilityCode: 0, cardNumber: 524_288 })).toEqual({
			ok: false,
			errors: ['Card number 524288 is out of range — H10304 (37-bit) takes 0–524,287']
		});
	});

	test('the largest parts fit', () => {
		for (const format of WIEGAND_FORMATS) {
			expect(encodeWiegand(format, partLimits(format)).ok).toBe(true);
		}
	});
});

describe('decode', () => {
	test('a flipped bit breaks a parity', () => {
		for (const format of WIEGAND_FORMATS) {
			const value = wiegandValue(bits(format, 17, 1037));
			for (let bit = 0; bit < WIEGAND_LAYOUTS[format].length; bit += 1) {
				expect(decodeWiegand(format, value ^ (1n << BigInt(bit))).ok).toBe(false);
			}
		}
	});

	test('a value longer than the format is refused', () => {
		expect(decodeWiegand('h10301', 1n << 26n)).toEqual({
			ok: false,
			errors: ['67108864 does not fit in 26 bits — it is not H10301 (26-bit)']
		});
	});

	const partsOf = (format: WiegandFormat) =>
		fc.record({
			facilityCode: fc.integer({ min: 0, max: partLimits(format).facilityCode }),
			cardNumber: fc.integer({ min: 0, max: partLimits(format).cardNumber })
		});

	test.each(WIEGAND_FORMATS)('%s: decode ∘ encode is the identity over the ranges', (format) => {
		fc.assert(
			fc.property(partsOf(format), (parts) => {
				const encoded = encodeWiegand(format, parts);
				expect(encoded.ok && encoded.value.length).toBe(WIEGAND_LAYOUTS[format].length);
				if (!encoded.ok) return;
				expect(decodeWiegand(format, wiegandValue(encoded.value))).toEqual({
					ok: true,
					value: parts
				});
			})
		);
	});

	test.each(WIEGAND_FORMATS)('%s: encode ∘ decode is the identity on valid frames', (format) => {
		const length = WIEGAND_LAYOUTS[format].length;
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: (1n << BigInt(length)) - 1n }), (value) => {
				const decoded = decodeWiegand(format, value);
				if (!decoded.ok) return;
				const encoded = encodeWiegand(format, decoded.value);
				expect(encoded.ok && wiegandValue(encoded.value)).toBe(value);
			})
		);
	});
});

describe('keys', () => {
	test('the same parts in two formats are two keys, and no key is a CSN', () => {
		const keys = WIEGAND_FORMATS.map((format) =>
			wiegandKey({ format, facilityCode: 17, cardNumber: 1037 })
		);
		expect(new Set(keys).size).toBe(3);
		for (const key of keys) expect(isWiegandKey(key)).toBe(true);
		expect(isWiegandKey('18446744073709551615' as CardNumber)).toBe(false);
		expect(isWiegandKey('1037' as CardNumber)).toBe(false);
	});

	test('keys are canonical decimals of at most 20 digits that sort by facility code, then card', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...WIEGAND_FORMATS),
				fc.nat({ max: 255 }),
				fc.nat({ max: 65_535 }),
				fc.nat({ max: 255 }),
				fc.nat({ max: 65_535 }),
				(format, fa, ca, fb, cb) => {
					const a = wiegandKey({ format, facilityCode: fa, cardNumber: ca });
					const b = wiegandKey({ format, facilityCode: fb, cardNumber: cb });
					expect(a).toMatch(/^[1-9][0-9]{19}$/);
					expect(Math.sign(BigInt(a) > BigInt(b) ? 1 : BigInt(a) < BigInt(b) ? -1 : 0)).toBe(
						Math.sign(fa - fb || ca - cb)
					);
				}
			)
		);
	});

	test('a credential holds its parts and bits; its key and bits must agree with them', () => {
		const made = wiegandCredential('h10301', { facilityCode: 17, cardNumber: 1037 });
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		expect(made.value).toEqual({
			format: 'h10301',
			facilityCode: 17,
			cardNumber: 1037,
			bits: bits('h10301', 17, 1037)
		});
		const key = wiegandKey(made.value);
		expect(isConsistent(key, made.value)).toBe(true);
		expect(isConsistent(key, { ...made.value, cardNumber: 1038 })).toBe(false);
		expect(isConsistent(key, { ...made.value, bits: '0'.repeat(26) })).toBe(false);
		expect(showWiegand(made.value)).toBe('FC 17 · 1037');
	});
});

describe('card format names', () => {
	test('files may name a format in the ways vendors do', () => {
		expect(parseCardFormat('H10301')).toEqual({ ok: true, value: 'h10301' });
		expect(parseCardFormat('26-bit')).toEqual({ ok: true, value: 'h10301' });
		expect(parseCardFormat('Corporate 1000')).toEqual({ ok: true, value: 'corporate1000' });
		expect(parseCardFormat('C1k35s')).toEqual({ ok: true, value: 'corporate1000' });
		expect(parseCardFormat('h10304 (37-bit)')).toEqual({ ok: true, value: 'h10304' });
		expect(parseCardFormat('csn')).toEqual({ ok: true, value: 'csn' });
		expect(parseCardFormat('H10302')).toEqual({
			ok: false,
			errors: [
				'"H10302" is not a card format Roster knows — write one of CSN, H10301, Corporate 1000, H10304'
			]
		});
	});
});

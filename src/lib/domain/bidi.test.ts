import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invisibleCharacters, isolate, revealInvisible } from './bidi';

const BIDI = [
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200e',
	'\u200f',
	'\u061c'
];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('isolate', () => {
	it('wraps the text in first strong isolate … pop directional isolate', () => {
		expect(isolate('Evil\u202egnp.exe')).toBe('\u2068Evil\u202egnp.exe\u2069');
	});
});

describe('invisibleCharacters', () => {
	it('finds every bidi control and zero-width character, with its 1-based position', () => {
		for (const char of [...BIDI, ...ZERO_WIDTH]) {
			const found = invisibleCharacters(`ab${char}c`);
			expect(found).toHaveLength(1);
			expect(found[0]?.position).toBe(3);
			expect(found[0]?.code).toBe(
				`U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
			);
			expect(found[0]?.kind).toBe(BIDI.includes(char) ? 'bidi' : 'zero-width');
		}
	});

	it('counts positions in characters, not UTF-16 units', () => {
		expect(invisibleCharacters('😀\u202e')[0]?.position).toBe(2);
	});

	it('finds nothing in ordinary text of any script', () => {
		expect(invisibleCharacters('Ana Park')).toEqual([]);
		expect(invisibleCharacters('محمد علي')).toEqual([]);
		expect(invisibleCharacters('Zoë O’Brien-Łukasz')).toEqual([]);
	});

	it('finds exactly the characters revealInvisible writes out', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('a', 'б', ' ', '😀', ...BIDI, ...ZERO_WIDTH)),
				(chars) => {
					const text = chars.join('');
					const revealed = revealInvisible(text);
					expect(invisibleCharacters(revealed)).toEqual([]);
					expect(revealed.match(/⟨U\+[0-9A-F]{4}⟩/g)?.length ?? 0).toBe(
						invisibleCharacters(text).length
					);
				}
			)
		);
	});
});

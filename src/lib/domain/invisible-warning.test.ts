import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, parseEmail, quote } from './field-rules';
import { invisibleCharacterWarning } from './invisible-warning';

/** Every bidi control and zero-width character. */
const INVISIBLE = [
	...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff'
];

describe('invisibleCharacterWarning', () => {
	it('names the field, the character, where it is and what it can do', () => {
		expect(invisibleCharacterWarning('name', 'Evil\u202egnp.exe')).toBe(
			'Name "Evil⟨U+202E⟩gnp.exe" holds an invisible right-to-left override (U+202E) at character 5: it can make the text read differently from what is stored'
		);
	});

	it('says how many more there are', () => {
		expect(invisibleCharacterWarning('email', 'a\u200b@b\u200b.com')).toBe(
			'Email "a⟨U+200B⟩@b⟨U+200B⟩.com" holds an invisible zero-width space (U+200B) at character 2 (and 1 more): it makes the text differ from the same text typed by hand'
		);
	});

	it('is null for text without invisible characters', () => {
		expect(invisibleCharacterWarning('name', 'Ana Park')).toBeNull();
	});

	it('stays a warning: bidi and zero-width characters are not control characters', () => {
		for (const char of INVISIBLE) {
			expect(controlCharacterProblem('name', `a${char}b`)).toBeNull();
		}
	});
});

describe('quote', () => {
	it('writes invisible characters out, so a message neither hides nor flips them', () => {
		expect(quote('Evil\u202egnp.exe')).toBe('"Evil⟨U+202E⟩gnp.exe"');
		expect(quote('Ana Park')).toBe('"Ana Park"');
		const refused = parseEmail('bob\u202e@');
		expect(refused.ok ? null : refused.errors[0]).toMatch(/^Email "bob⟨U\+202E⟩@" /);
	});
});

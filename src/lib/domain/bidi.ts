/**
 * Text that cannot lie. A right-to-left override in a name (`Evil\u202Egnp.exe`) makes it read
 * "Evilexe.png", and an unclosed one flips whatever text follows it. Markup isolates user text with
 * `<bdi>`; plain text (the document title, aria-labels, messages) is wrapped in FSI … PDI by
 * `isolate`. Messages write the invisible characters out (`revealInvisible`, used by `quote`), and the
 * import warns on them (invisible-warning.ts).
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** The text as one isolated run: its direction neither leaks out nor is set by what surrounds it. */
export function isolate(text: string): string {
	return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}

export type InvisibleKind = 'bidi' | 'zero-width';

const INVISIBLE: ReadonlyMap<string, { name: string; kind: InvisibleKind }> = new Map([
	['\u202A', { name: 'left-to-right embedding', kind: 'bidi' }],
	['\u202B', { name: 'right-to-left embedding', kind: 'bidi' }],
	['\u202C', { name: 'pop directional formatting', kind: 'bidi' }],
	['\u202D', { name: 'left-to-right override', kind: 'bidi' }],
	['\u202E', { name: 'right-to-left override', kind: 'bidi' }],
	['\u2066', { name: 'left-to-right isolate', kind: 'bidi' }],
	['\u2067', { name: 'right-to-left isolate', kind: 'bidi' }],
	['\u2068', { name: 'first strong isolate', kind: 'bidi' }],
	['\u2069', { name: 'pop directional isolate', kind: 'bidi' }],
	['\u200E', { name: 'left-to-right mark', kind: 'bidi' }],
	['\u200F', { name: 'right-to-left mark', kind: 'bidi' }],
	['\u061C', { name: 'Arabic letter mark', kind: 'bidi' }],
	['\u200B', { name: 'zero-width space', kind: 'zero-width' }],
	['\u200C', { name: 'zero-width non-joiner', kind: 'zero-width' }],
	['\u200D', { name: 'zero-width joiner', kind: 'zero-width' }],
	['\u2060', { name: 'word joiner', kind: 'zero-width' }],
	['\uFEFF', { name: 'zero-width no-break space', kind: 'zero-width' }]
]);
const INVISIBLE_PATTERN =
	/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

export interface InvisibleCharacter {
	/** `U+202E` */
	code: string;
	name: string;
	kind: InvisibleKind;
	/** 1-based, counted in characters (code points), as an admin counts them. */
	position: number;
}

/** Every bidi control and zero-width character in the text, in order. */
export function invisibleCharacters(text: string): InvisibleCharacter[] {
	const found: InvisibleCharacter[] = [];
	let position = 0;
	for (const char of text) {
		position += 1;
		const known = INVISIBLE.get(char);
		if (known) found.push({ code: codeOf(char), position, ...known });
	}
	return found;
}

function codeOf(char: string): string {
	return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with each invisible character written out, `Evil⟨U+202E⟩gnp.exe`, for a message. */
export function revealInvisible(text: string): string {
	return text.replace(INVISIBLE_PATTERN, (char) => `⟨${codeOf(char)}⟩`);
}

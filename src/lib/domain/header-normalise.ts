/**
 * How header names are compared: `E-Mail`, `e mail`, `Email*`, `Email (required)` and
 * `E-mail [email] Required` are all the same column to an admin, so they must be to auto-mapping.
 */

/** Bracketed notes (`(required)`, `[displayName]`, `【必須】`) say something about the column, not what it is. */
const BRACKETED = /\([^)]*\)|\[[^\]]*\]|（[^）]*）|【[^】]*】|<[^>]*>|\{[^}]*\}/g;
/** Trailing words that only say whether the column must be filled. */
const REQUIREDNESS =
	/(?:^|\s)(?:required|optional|mandatory|obligatoire|facultatif|pflicht|pflichtfeld|obligatorio|opcional|필수|선택|必須|任意)\s*$/u;

/** Lower case, no accents, brackets and requiredness notes removed, words split on anything else. */
export function headerTokens(header: string): string[] {
	let text = header
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.normalize('NFC')
		.toLowerCase()
		.replace(BRACKETED, ' ')
		.replace(/[*＊]/g, ' ')
		.trim();
	// A header may carry several notes (`Email [email] Required`): strip until nothing changes.
	for (let before = ''; before !== text;) {
		before = text;
		text = text.replace(REQUIREDNESS, '').trim();
	}
	return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** The header as one comparable key: `E-mail Address` → `emailaddress`. */
export function normaliseHeader(header: string): string {
	return headerTokens(header).join('');
}

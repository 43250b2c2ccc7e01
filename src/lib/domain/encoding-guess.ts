/**
 * Ranking legacy encodings for bytes that are not UTF-8. Bytes never say their encoding, so each
 * candidate is decoded and judged by how much the result looks like text people write:
 * - impossible or junk characters (replacement, control, private-use) count heavily against;
 * - odd characters (half-width katakana, Latin-1 symbols like ¤ ¦ ¿ in the middle of words) count
 *   against;
 * - a word that switches script (Latin → Hangul → Han inside one word) counts against: that is
 *   what wrong decodings produce, e.g. `Müller` read as EUC-KR;
 * - characters that are common in the script they belong to count for: this is what separates
 *   Korean read as EUC-KR (common Hangul syllables) from the same bytes read as GB18030 or Big5
 *   (valid but rare-ish Han characters).
 * Ties keep the order of LEGACY_ENCODINGS (most common first).
 */

/** WHATWG labels offered when the bytes are not UTF-8, most common first. */
export const LEGACY_ENCODINGS = [
	'windows-1252',
	'euc-kr',
	'shift_jis',
	'gb18030',
	'big5',
	'iso-8859-2',
	'windows-1251'
] as const;

export interface DecodedCandidate {
	label: string;
	text: string;
	/** false when the bytes are not valid in this encoding at all. */
	valid: boolean;
}

/** Decodes, or returns null when this runtime does not know the encoding (no full ICU). */
export function decodeAs(
	bytes: Uint8Array,
	label: string,
	stream: boolean
): DecodedCandidate | null {
	let strict: TextDecoder;
	try {
		strict = new TextDecoder(label, { fatal: true });
	} catch {
		return null;
	}
	try {
		return { label, text: strict.decode(bytes, { stream }), valid: true };
	} catch {
		// Still shown (with replacement characters) so the admin can judge, but ranked low.
		return { label, text: new TextDecoder(label).decode(bytes, { stream }), valid: false };
	}
}

type Script = 'latin' | 'hangul' | 'han' | 'kana' | 'cyrillic' | 'greek' | 'other';

function scriptOf(cp: number): Script {
	if (cp < 0x250) return 'latin';
	if (cp >= 0x1e00 && cp <= 0x1eff) return 'latin';
	if (
		(cp >= 0xac00 && cp <= 0xd7a3) ||
		(cp >= 0x1100 && cp <= 0x11ff) ||
		(cp >= 0x3130 && cp <= 0x318f)
	)
		return 'hangul';
	if (
		(cp >= 0x4e00 && cp <= 0x9fff) ||
		(cp >= 0x3400 && cp <= 0x4dbf) ||
		(cp >= 0xf900 && cp <= 0xfaff)
	)
		return 'han';
	if (cp >= 0x3040 && cp <= 0x30ff) return 'kana';
	if (cp >= 0x400 && cp <= 0x4ff) return 'cyrillic';
	if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
	return 'other';
}

const isLetterLike = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);

/** Characters that are plainly wrong in a CSV of people. */
function isJunk(cp: number): boolean {
	return (
		cp === 0xfffd ||
		(cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
		(cp >= 0x7f && cp <= 0x9f) ||
		(cp >= 0xe000 && cp <= 0xf8ff)
	);
}

/** Characters a right decoding rarely produces in names, e-mails and departments. */
function isOdd(ch: string, cp: number): boolean {
	if (cp >= 0xff61 && cp <= 0xff9f) return true; // half-width katakana: Shift_JIS read wrong
	if (cp >= 0xa0 && cp <= 0xbf) return true; // Latin-1 symbols: ¡ ¤ ¦ ¨ « ¯ ² ´ ¸ » ¿ …
	if (cp === 0xd7 || cp === 0xf7) return true; // × ÷
	if (cp >= 0x2500 && cp <= 0x25ff) return true; // box drawing, blocks
	return cp >= 0x80 && !isLetterLike(ch) && !/[\p{Zs}\p{P}]/u.test(ch);
}

/** Accented letters of Western languages; others in Latin-1/2 are rarer. */
const COMMON_LATIN = new Set([
	...'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÄÅÆÇÈÉÊËÍÎÏÑÓÔÖØÚÛÜŁłŚśŻżŹźĆćŃńŠšŽžČčŘřĚěŮůŐőŰű'
]);
/** The most frequent Hangul syllables in names, headers and everyday words. */
const COMMON_HANGUL = new Set([
	...'가각간감강개거건게경고공과관광구국권규그근금기김나남내네년노는니다단당대더데도동두드들등디라래러레려로록료루류르를리린림마만말명모목무문미민바박반방배백번범법변병보복본부분비빈사산상새서석선설성세소손송수숙순승시식신실심아안애야양어억업에여연영예오옥완요용우운원월위유윤은을음의이인일임입자작장재전정제조종주준중지진차창채처천철청최추충치카타태터테토통트파판편평포표프하학한할함해행허현형혜호홍화환황회효후훈희'
]);
/** The most frequent Han characters in Chinese (simplified and traditional) and Japanese text. */
const COMMON_HAN = new Set([
	...'的一是不了人在有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路們個會員號碼電話門學國東長時間開關與為這說對業經務當後現發從進數體還過氏番号署役職姓户证卡始束效'
]);

/** How much a decoded text looks like real text; higher is better, comparable across candidates. */
export function plausibility(text: string, valid: boolean): number {
	let nonAscii = 0;
	let junk = 0;
	let odd = 0;
	let switches = 0;
	let common = 0;
	let previous: Script | null = null;
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		if (isJunk(cp)) junk++;
		if (!isLetterLike(ch)) {
			// Word boundary; a symbol inside a word still breaks the word (and counted as odd).
			previous = null;
			if (cp >= 0x80) {
				nonAscii++;
				if (isOdd(ch, cp)) odd++;
			}
			continue;
		}
		const script = scriptOf(cp);
		if (previous !== null && script !== previous) switches++;
		previous = script;
		if (cp < 0x80) continue;
		nonAscii++;
		if (isOdd(ch, cp)) odd++;
		if (COMMON_LATIN.has(ch) || COMMON_HANGUL.has(ch) || COMMON_HAN.has(ch) || script === 'kana')
			common++;
	}
	const n = Math.max(nonAscii, 1);
	return (valid ? 0 : -2) - (3 * junk + odd + switches) / n + (0.5 * common) / n;
}

/** Candidates decoded and ranked, best first. */
export function rankLegacyEncodings(
	bytes: Uint8Array,
	stream: boolean,
	labels: readonly string[] = LEGACY_ENCODINGS
): (DecodedCandidate & { score: number })[] {
	const decoded = labels
		.map((label) => decodeAs(bytes, label, stream))
		.filter((c): c is DecodedCandidate => c !== null)
		.map((c, order) => ({ ...c, score: plausibility(c.text, c.valid), order }));
	decoded.sort((a, b) => b.score - a.score || a.order - b.order);
	return decoded.map(({ order: _order, ...c }) => c);
}

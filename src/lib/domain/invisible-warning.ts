/**
 * The import's warning on invisible characters in a cell. A warning, not a failure: the value is
 * kept as given, since they are legitimate in some scripts (a zero-width non-joiner in Persian),
 * but an admin should know they are there. Control characters are refused instead
 * (controlCharacterProblem in field-rules.ts).
 */
import { invisibleCharacters, type InvisibleKind } from './bidi';
import { quote } from './field-rules';
import { FIELDS, type FieldKey } from './fields';

const EFFECT: Record<InvisibleKind, string> = {
	bidi: 'it can make the text read differently from what is stored',
	'zero-width': 'it makes the text differ from the same text typed by hand'
};

/** Names the field, the value with its invisible characters written out, the first such character and where it is. Null when there is none. */
export function invisibleCharacterWarning(key: FieldKey, value: string): string | null {
	const found = invisibleCharacters(value);
	const first = found[0];
	if (!first) return null;
	const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
	return `${FIELDS[key].label} ${quote(value)} holds an invisible ${first.name} (${first.code}) at character ${first.position}${more}: ${EFFECT[first.kind]}`;
}

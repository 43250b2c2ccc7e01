/**
 * What Excel does to long numbers and how to tell the admin (see docs/architecture.md "Field
 * rules"). Excel opens a CSV by turning any all-digit cell into a number: a number over 11 digits
 * is shown, and saved again, in scientific notation (`1234567890123456` → `1.23457E+15`, with
 * `1,23457E+15` in languages that write a decimal comma), and leading zeros are dropped
 * (`00123456` → `123456`). The digits are gone from the file: Roster can only say so.
 */

/**
 * `1.23457E+15`, `1.23457e+15`, `1,23457E+15`, `1E+15`: a fraction or a signed exponent, so a
 * hexadecimal number such as `1E15` is not mistaken for one.
 */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+[eE][+-]?|[eE][+-])\d{1,3}$/;

/** How to keep the digits, said the same way wherever the damage shows. */
export const KEEP_DIGITS =
	'format the column as Text in Excel before saving the CSV (or import the .xlsx workbook instead), then import the file again';

export const isScientificNotation = (value: string): boolean => SCIENTIFIC.test(value.trim());

/**
 * The message for a cell Excel wrote in scientific notation, null when it is not one. `subject`
 * names the field and quotes the value (`User ID "1.23457E+15"`).
 */
export function scientificNotationProblem(subject: string, value: string): string | null {
	if (!isScientificNotation(value)) return null;
	return `${subject} is a number Excel rewrote in scientific notation: the digits after the first few are lost and cannot be recovered from this file — ${KEEP_DIGITS}`;
}

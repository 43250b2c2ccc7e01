/** The file behind `Download template`: the field labels and one example row to copy. */
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import { CSV_BOM, csvLine } from './result-files';

/** Every example is valid as written, so importing the untouched template creates one user. */
export const TEMPLATE_EXAMPLE: Record<FieldKey, string> = {
	userId: 'U1001',
	name: 'Alex Kim',
	email: 'alex.kim@example.com',
	// No leading `+`: it would be formula-escaped and show as `'+1 …` in Excel.
	phone: '555 010 1001',
	userType: 'Employee',
	department: 'Sales',
	title: 'Manager',
	// Not the User ID, to show that the photo may keep the name it already has.
	imageFile: 'alex-kim.jpg',
	cardId: '1234567',
	// A CSN card: a Wiegand card leaves Card ID blank and fills Facility code and Card number.
	cardFormat: 'CSN',
	facilityCode: '',
	cardNumber: '',
	cardStart: '2026-01-01',
	cardEnd: '2026-12-31'
};

export function templateCsv(): string {
	return (
		CSV_BOM +
		csvLine(FIELD_KEYS.map((key) => FIELDS[key].label)) +
		csvLine(FIELD_KEYS.map((key) => TEMPLATE_EXAMPLE[key]))
	);
}

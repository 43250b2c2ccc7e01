/**
 * Other systems' exports, by their literal header lines: each automaps every field Roster has,
 * and leaves the columns it has no field for at None (docs/architecture.md "Data mapping").
 */
import { describe, expect, it } from 'vitest';
import { detectHeaderRow } from './header-row';
import { autoMap, MAPPED_KEYS, type MappedKey } from './mapping';
import { templateCsv } from './template';

/**
 * BioStar 2's user CSV export (Suprema). The columns after `csn` are its card formats and face
 * image files, as BioStar 2.x writes them.
 */
const BIOSTAR_2 =
	'user_id,name,department,user_title,phone,email,user_group,start_datetime,expiry_datetime,csn,26 bit SIA Standard-H10301,HID 37 bit-H10302,HID 37 bit-H10304,HID Corporate 1000,face_image_file1,face_image_file2';
/** Microsoft Entra's bulk-create template (UserCreateTemplate.csv): a version row, then this. */
const ENTRA_VERSION = 'version:v1.0';
const ENTRA =
	'Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]';
/** Okta's user import template (Directory → People → Import users from CSV). */
const OKTA =
	'login,firstName,lastName,middleName,honorificPrefix,honorificSuffix,email,secondEmail,title,displayName,nickName,profileUrl,mobilePhone,primaryPhone,streetAddress,city,state,zipCode,countryCode,postalAddress,preferredLanguage,locale,timezone,userType,employeeNumber,costCenter,organization,division,department,managerId,manager';
/** Google Workspace's bulk upload template (Admin console → Users → Bulk update users). */
const GOOGLE =
	'First Name [Required],Last Name [Required],Email Address [Required],Password [Required],Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email [UPLOAD ONLY],Recovery Email,Home Secondary Email,Work Secondary Email,Recovery Phone [MUST BE IN THE E.164 FORMAT],Work Phone,Home Phone,Mobile Phone,Work Address,Home Address,Employee ID,Employee Type,Employee Title,Manager Email,Department,Cost Center,Building ID,Floor Name,Floor Section,Change Password at Next Sign-In,New Status [UPLOAD ONLY],Advanced Protection Program enrollment';
/** BioStar Air's template: the brief's, which Roster's own extends with Wiegand columns (template.ts). */
const BIOSTAR_AIR = templateCsv()
	.replace(/^\uFEFF/, '')
	.split(/\r?\n/)[0]!
	.split(',')
	.map((cell) => cell.replace(/^"(.*)"$/, '$1'))
	.join(',');

/** Every mapped key with the header it took; keys at None are left out. */
function mapped(line: string): Partial<Record<MappedKey, string>> {
	const headers = line.split(',');
	const mapping = autoMap(headers);
	const out: Partial<Record<MappedKey, string>> = {};
	for (const key of MAPPED_KEYS) {
		const column = mapping[key];
		if (column !== null && column !== undefined) out[key] = headers[column];
	}
	return out;
}

describe('vendor exports automap', () => {
	it("BioStar 2: start/expiry datetimes are the card's validity, csn the Card ID", () => {
		expect(mapped(BIOSTAR_2)).toEqual({
			userId: 'user_id',
			name: 'name',
			email: 'email',
			phone: 'phone',
			department: 'department',
			title: 'user_title',
			imageFile: 'face_image_file1',
			cardId: 'csn',
			cardStart: 'start_datetime',
			cardEnd: 'expiry_datetime'
		});
	});

	it("BioStar Air's template maps every field to its own column", () => {
		expect(BIOSTAR_AIR.split(',')).toHaveLength(14);
		expect(mapped(BIOSTAR_AIR)).toEqual({
			userId: 'User ID',
			name: 'Name',
			email: 'Email',
			phone: 'Phone',
			userType: 'User type',
			department: 'Department',
			title: 'Title',
			imageFile: 'Image file name',
			cardId: 'Card ID',
			cardFormat: 'Card format',
			facilityCode: 'Facility code',
			cardNumber: 'Card number',
			cardStart: 'Card start date',
			cardEnd: 'Card end date'
		});
	});

	it('Entra: the display name is Name, the sign-in name the Email; the header is row 2', () => {
		expect(mapped(ENTRA)).toEqual({
			name: 'Name [displayName] Required',
			email: 'User name [userPrincipalName] Required',
			phone: 'Office phone [telephoneNumber]',
			department: 'Department [department]',
			title: 'Job title [jobTitle]',
			firstName: 'First name [givenName]',
			lastName: 'Last name [surname]'
		});
		const rows = [
			[ENTRA_VERSION],
			ENTRA.split(','),
			['Ana Park', 'ana@contoso.com', 'Password1!', 'No', 'Ana', 'Park', 'Engineer', 'Research']
		];
		expect(detectHeaderRow(rows)).toBe(2);
	});

	it('Okta: employeeNumber is the User ID, never the login (an email)', () => {
		expect(mapped(OKTA)).toEqual({
			userId: 'employeeNumber',
			name: 'displayName',
			email: 'email',
			phone: 'mobilePhone',
			userType: 'userType',
			department: 'department',
			title: 'title',
			firstName: 'firstName',
			middleName: 'middleName',
			lastName: 'lastName'
		});
	});

	it('Google Workspace: Name is First Name + Last Name, Employee ID the User ID', () => {
		expect(mapped(GOOGLE)).toEqual({
			userId: 'Employee ID',
			email: 'Email Address [Required]',
			phone: 'Mobile Phone',
			department: 'Department',
			title: 'Employee Title',
			firstName: 'First Name [Required]',
			lastName: 'Last Name [Required]'
		});
	});
});

import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { ImportPage, parseCsv } from './pages/import';

// An instant with Z is taken on the day it is where the admin is: Seoul here, UTC+9.
test.use({ timezoneId: 'Asia/Seoul' });

const csv = (name: string, lines: string[]) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')
});

/** The succeeded result file's rows as objects keyed by its header. */
async function succeededRows(wizard: ImportPage): Promise<Record<string, string>[]> {
	const [header, ...rows] = parseCsv((await wizard.download('succeeded')).text);
	return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

const part = (page: Page, label: 'First name' | 'Middle name' | 'Last name' | 'Name order') =>
	page.getByRole('combobox', { name: label, exact: true });
const nameFormula = (page: Page) => page.getByRole('note', { name: 'How Name is built' });

test('a BioStar 2 user export imports in full, with its cards and validity dates', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('biostar2-users.csv', [
			'user_id,name,department,user_title,phone,email,user_group,start_datetime,expiry_datetime,csn,26 bit SIA Standard-H10301,HID 37 bit-H10302,HID 37 bit-H10304,HID Corporate 1000,face_image_file1,face_image_file2',
			'1,Administrator,,,,,All Users,2001-01-01 00:00:00,2030-12-31 23:59:00,,,,,,,',
			'1001,Ana Park,Research,Engineer,+82 10 7946 0004,ana.park@example.org,All Users,2026-01-01 00:00:00,2027-12-31 23:59:00,4000037,,,,,,',
			'1002,Bo Kim,Facilities,Manager,,bo.kim@example.org,All Users,2026-03-15 09:30:00,2028-03-14 23:59:59,4000074,,,,,,',
			'1003,Chloé Martin,Sales,,,,Visitors,2026-01-01T00:00:00.000Z,2026-12-31T23:59:59Z,4000111,,,,,,'
		])
	);
	const expected = {
		'User ID': 'user_id',
		Name: 'name',
		Email: 'email',
		Phone: 'phone',
		'User type': 'None',
		Department: 'department',
		Title: 'user_title',
		'Image file name': 'face_image_file1',
		'Card ID': 'csn',
		'Card start date': 'start_datetime',
		'Card end date': 'expiry_datetime'
	} as const;
	for (const [field, header] of Object.entries(expected)) {
		expect(await wizard.mappedHeader(field as keyof typeof expected), field).toBe(header);
	}
	// The preview shows the dates as they will be saved: days, the instant in Seoul's day.
	const chloe = wizard.preview.getByRole('row').filter({ hasText: 'Chloé Martin' });
	await expect(chloe.getByRole('cell', { name: '2026-01-01', exact: true })).toBeVisible();
	await expect(chloe.getByRole('cell', { name: '2027-01-01', exact: true })).toBeVisible();
	await expect(
		page.getByText('4 data rows: this import will create 4 users, 3 cards; update 0 users, 0 cards')
	).toBeVisible();

	await wizard.importAndWait();
	await wizard.expectCounts(4, 0);
	const rows = await succeededRows(wizard);
	expect(
		rows.map((r) => [r['User ID'], r['Card ID'], r['Card start date'], r['Card end date']])
	).toEqual([
		['1', '', '', ''],
		['1001', '4000037', '2026-01-01', '2027-12-31'],
		['1002', '4000074', '2026-03-15', '2028-03-14'],
		['1003', '4000111', '2026-01-01', '2027-01-01']
	]);
});

test('an Okta user import gives full names, with employeeNumber as the User ID', async ({
	page
}) => {
	const header =
		'login,firstName,lastName,middleName,honorificPrefix,honorificSuffix,email,secondEmail,title,displayName,nickName,profileUrl,mobilePhone,primaryPhone,streetAddress,city,state,zipCode,countryCode,postalAddress,preferredLanguage,locale,timezone,userType,employeeNumber,costCenter,organization,division,department,managerId,manager';
	const row = (cells: Record<string, string>) =>
		header
			.split(',')
			.map((h) => cells[h] ?? '')
			.join(',');
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('okta-users.csv', [
			header,
			row({
				login: 'ana.park@example.org',
				firstName: 'Ana',
				middleName: 'María',
				lastName: 'Park',
				email: 'ana.park@example.org',
				title: 'Engineer',
				employeeNumber: 'E1001',
				department: 'Research',
				locale: 'en_US'
			}),
			row({
				login: 'bo.kim@example.org',
				firstName: 'Bo',
				lastName: 'Kim',
				displayName: 'Bo Kim (Facilities)',
				email: 'bo.kim@example.org',
				employeeNumber: 'E1002',
				mobilePhone: '+1 555 000 1002'
			})
		])
	);
	expect(await wizard.mappedHeader('User ID')).toBe('employeeNumber');
	expect(await wizard.mappedHeader('Name')).toBe('displayName');
	expect(await wizard.mappedHeader('Email')).toBe('email');
	await expect(part(page, 'First name')).toHaveValue('1');
	await expect(part(page, 'Middle name')).toHaveValue('3');
	await expect(part(page, 'Last name')).toHaveValue('2');
	await expect(nameFormula(page)).toHaveText(
		'Name = First name + Middle name + Last name, where the Name cell is blank'
	);
	await expect(wizard.preview.getByRole('cell', { name: 'Ana María Park' })).toBeVisible();
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
	const rows = await succeededRows(wizard);
	expect(rows.map((r) => [r['User ID'], r['Name'], r['Email']])).toEqual([
		['E1001', 'Ana María Park', 'ana.park@example.org'],
		['E1002', 'Bo Kim (Facilities)', 'bo.kim@example.org']
	]);
});

test('a Google Workspace bulk upload file gives full names, in the order chosen', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('google-users.csv', [
			'First Name [Required],Last Name [Required],Email Address [Required],Password [Required],Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email [UPLOAD ONLY],Recovery Email,Home Secondary Email,Work Secondary Email,Recovery Phone [MUST BE IN THE E.164 FORMAT],Work Phone,Home Phone,Mobile Phone,Work Address,Home Address,Employee ID,Employee Type,Employee Title,Manager Email,Department,Cost Center,Building ID,Floor Name,Floor Section,Change Password at Next Sign-In,New Status [UPLOAD ONLY]',
			'Ana,Park,ana.park@example.org,****,,/,,,,,+821079460004,,,,,,G-1001,Full-time,Engineer,boss@example.org,Research,R&D,HQ,Floor 3,East,False,',
			'Béla,Nagy,bela.nagy@example.org,****,,/Sales,,,,,,,,+36 1 555 0100,,,G-1002,Part-time,Sales rep,,Sales,,,,,False,'
		])
	);
	expect(await wizard.mappedHeader('Name')).toBe('None');
	expect(await wizard.mappedHeader('User ID')).toBe('Employee ID');
	expect(await wizard.mappedHeader('Title')).toBe('Employee Title');
	expect(await wizard.mappedHeader('User type')).toBe('None');
	await expect(nameFormula(page)).toHaveText('Name = First name + Last name');
	await expect(wizard.preview.getByRole('cell', { name: 'Béla Nagy' })).toBeVisible();

	// Family name first, as Hungarian names are written.
	await part(page, 'Name order').selectOption({ label: 'Last name first (Park Ana)' });
	await wizard.settled();
	await expect(nameFormula(page)).toHaveText('Name = Last name + First name');
	await expect(wizard.preview.getByRole('cell', { name: 'Nagy Béla' })).toBeVisible();

	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
	const rows = await succeededRows(wizard);
	expect(rows.map((r) => [r['User ID'], r['Name'], r['Title']])).toEqual([
		['G-1001', 'Park Ana', 'Engineer'],
		['G-1002', 'Nagy Béla', 'Sales rep']
	]);
});

test('an Entra bulk-create file: the version row is skipped, its header is row 2', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('UserCreateTemplate.csv', [
			'version:v1.0',
			'Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]',
			'Alain Charon,alain@contoso.com,Password1!,No,Alain,Charon,Software Engineer,Engineering,US,,,,,,,,',
			'Isabella Simonsen,isabella@contoso.com,Password1!,No,Isabella,Simonsen,Product Manager,Product,US,,,,,,,+1 425 555 0100,'
		])
	);
	await expect(wizard.select('Header row')).toHaveValue('2');
	expect(await wizard.mappedHeader('Name')).toBe('Name [displayName] Required');
	expect(await wizard.mappedHeader('Email')).toBe('User name [userPrincipalName] Required');
	expect(await wizard.mappedHeader('User ID')).toBe('None');
	expect(await wizard.mappedHeader('Title')).toBe('Job title [jobTitle]');
	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
	const rows = await succeededRows(wizard);
	expect(rows.map((r) => [r['Name'], r['Email'], r['Department']])).toEqual([
		['Alain Charon', 'alain@contoso.com', 'Engineering'],
		['Isabella Simonsen', 'isabella@contoso.com', 'Product']
	]);
});

test('Excel damage is explained: scientific notation fails, lost leading zeros warn', async ({
	page
}) => {
	const ids = ['00120001', '00120002', '00120003', '120004', '00120005', '00120006'];
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('excel-saved.csv', [
			'User ID,Name,Card ID',
			...ids.map((id, i) => `${id},Person ${i + 1},${7000000 + i}`),
			'00120007,Person 7,1.23457E+15'
		])
	);
	await expect(page.getByRole('note', { name: 'Check for lost leading zeros' })).toContainText(
		'User ID: 1 of 7 values has fewer than the 8 digits most have (the first, "120004", on row 5)'
	);
	await expect(page.getByRole('list', { name: 'First failures' })).toContainText(
		'Card ID "1.23457E+15" is a number Excel rewrote in scientific notation'
	);
	await expect(page.getByRole('list', { name: 'First failures' })).toContainText(
		'format the column as Text in Excel before saving the CSV'
	);
});

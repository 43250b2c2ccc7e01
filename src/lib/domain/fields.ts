/**
 * The field catalogue: the fields an import can fill, their exact labels (the screens, the
 * template, the result files and the browser tests all use these), and the header names admins
 * really use for them, so auto-mapping can suggest a column. The rules themselves live in
 * field-rules.ts and validate-row.ts.
 */

export type FieldKey =
	| 'userId'
	| 'name'
	| 'email'
	| 'phone'
	| 'userType'
	| 'department'
	| 'title'
	| 'imageFile'
	| 'cardId'
	| 'cardFormat'
	| 'facilityCode'
	| 'cardNumber'
	| 'cardStart'
	| 'cardEnd';

/** The order of the template, the Configure screen and the succeeded result file. */
export const FIELD_KEYS: readonly FieldKey[] = [
	'userId',
	'name',
	'email',
	'phone',
	'userType',
	'department',
	'title',
	'imageFile',
	'cardId',
	'cardFormat',
	'facilityCode',
	'cardNumber',
	'cardStart',
	'cardEnd'
];

export interface FieldSpec {
	key: FieldKey;
	/** Exact label; also the header of the template. */
	label: string;
	required: boolean;
	/** Other header names that mean this field; compared after normalising (see mapping.ts). */
	aliases: readonly string[];
	/** One line for the admin: what a cell must look like. */
	hint: string;
}

export const FIELDS: Record<FieldKey, FieldSpec> = {
	userId: {
		key: 'userId',
		label: 'User ID',
		required: false,
		aliases: [
			'UserID',
			'User Id',
			'ID',
			'User',
			'User No',
			'User Number',
			'Employee ID',
			'Employee No',
			'Employee Number',
			'Emp ID',
			'Emp No',
			'Staff ID',
			'Staff No',
			'Staff Number',
			'Personnel Number',
			'Member ID',
			// Not `Login`: an Okta or Entra login is an email (Okta's User ID is `employeeNumber`).
			// Korean
			'사용자 ID',
			'사용자ID',
			'사용자 아이디',
			'아이디',
			'사번',
			'사원번호',
			'직원번호',
			// Japanese
			'ユーザーID',
			'ユーザID',
			'社員番号',
			'社員ID',
			'従業員番号',
			'職員番号',
			// French
			'Identifiant',
			'Identifiant utilisateur',
			'ID utilisateur',
			'Matricule',
			'Numéro employé',
			// German
			'Benutzer-ID',
			'Benutzerkennung',
			'Personalnummer',
			'Mitarbeiternummer',
			'Mitarbeiter-ID',
			// Spanish
			'ID de usuario',
			'Identificador',
			'Número de empleado',
			'ID de empleado',
			'Legajo'
		],
		hint: '1–32 letters, digits, - _ or . (blank: one is generated)'
	},
	name: {
		key: 'name',
		label: 'Name',
		required: true,
		aliases: [
			'Full name',
			'Fullname',
			'User name',
			'Display name',
			'displayName',
			'Employee name',
			'Person',
			'Holder',
			'Cardholder',
			'Card holder',
			// Korean
			'이름',
			'성명',
			'사용자 이름',
			'사용자명',
			'직원명',
			// Japanese
			'名前',
			'氏名',
			'お名前',
			'ユーザー名',
			'社員名',
			// French
			'Nom',
			'Nom complet',
			'Nom et prénom',
			'Prénom et nom',
			// German
			'Vollständiger Name',
			'Name des Mitarbeiters',
			// Spanish
			'Nombre',
			'Nombre completo',
			'Nombre y apellidos'
		],
		hint: 'required, 1–100 characters'
	},
	email: {
		key: 'email',
		label: 'Email',
		required: false,
		aliases: [
			'E-mail',
			'Mail',
			'Email Address',
			'E-mail Address',
			// Entra's sign-in name, written as the user's email address by convention.
			'userPrincipalName',
			'Mail Address',
			'Emails',
			'Work email',
			'Business email',
			// Korean
			'이메일',
			'이메일 주소',
			'전자우편',
			'메일',
			// Japanese
			'メール',
			'メールアドレス',
			'電子メール',
			'Eメール',
			// French
			'Courriel',
			'Adresse e-mail',
			'Adresse email',
			'Adresse électronique',
			'Mél',
			// German
			'E-Mail-Adresse',
			'Mailadresse',
			// Spanish
			'Correo',
			'Correo electrónico',
			'Dirección de correo'
		],
		hint: 'a valid address, unique'
	},
	phone: {
		key: 'phone',
		label: 'Phone',
		required: false,
		aliases: [
			'Phone number',
			'Telephone',
			'Telephone number',
			'Tel',
			'Tel.',
			'Mobile',
			'Mobile number',
			'Mobile phone',
			'Cell',
			'Cell phone',
			'Cellphone',
			'Contact number',
			// Korean
			'전화번호',
			'전화',
			'휴대폰',
			'휴대폰 번호',
			'휴대전화',
			'연락처',
			// Japanese
			'電話番号',
			'電話',
			'携帯電話',
			'携帯番号',
			// French
			'Téléphone',
			'Numéro de téléphone',
			'Portable',
			// German
			'Telefon',
			'Telefonnummer',
			'Handy',
			'Handynummer',
			'Mobilnummer',
			// Spanish
			'Teléfono',
			'Número de teléfono',
			'Móvil',
			'Celular'
		],
		hint: '+, digits, spaces, - ( ); 7–15 digits, unique'
	},
	userType: {
		key: 'userType',
		label: 'User type',
		required: false,
		aliases: [
			'Type',
			'UserType',
			'User category',
			'Category',
			'Role',
			'Person type',
			// Korean
			'사용자 유형',
			'사용자 구분',
			'유형',
			'구분',
			// Japanese
			'ユーザー種別',
			'ユーザータイプ',
			'種別',
			'区分',
			// French
			"Type d'utilisateur",
			'Type utilisateur',
			'Catégorie',
			// German
			'Benutzertyp',
			'Benutzerart',
			'Typ',
			'Kategorie',
			// Spanish
			'Tipo',
			'Tipo de usuario',
			'Categoría'
		],
		hint: 'Employee, Visitor or Member (blank: Employee)'
	},
	department: {
		key: 'department',
		label: 'Department',
		required: false,
		aliases: [
			'Dept',
			'Dept.',
			'Division',
			'Team',
			'Group',
			'Organisation',
			'Organization',
			'Org',
			'Unit',
			// Korean
			'부서',
			'부서명',
			'소속',
			'팀',
			// Japanese
			'部署',
			'部署名',
			'所属',
			'部門',
			// French
			'Département',
			'Service',
			'Direction',
			// German
			'Abteilung',
			'Bereich',
			// Spanish
			'Departamento',
			'Área',
			'Sección'
		],
		hint: 'up to 100 characters'
	},
	title: {
		key: 'title',
		label: 'Title',
		required: false,
		aliases: [
			'Job title',
			'Employee title',
			'User title',
			'Position',
			'Job',
			'Rank',
			'Designation',
			// Korean
			'직함',
			'직책',
			'직위',
			'직급',
			// Japanese
			'役職',
			'肩書',
			'肩書き',
			'職位',
			// French
			'Titre',
			'Poste',
			'Fonction',
			// German
			'Titel',
			'Stelle',
			'Berufsbezeichnung',
			// Spanish
			'Título',
			'Cargo',
			'Puesto'
		],
		hint: 'up to 100 characters'
	},
	imageFile: {
		key: 'imageFile',
		label: 'Image file name',
		required: false,
		// Only names that clearly mean a picture's FILE; `Photo ID` style headers stay unmapped.
		aliases: [
			'Image file',
			'Image',
			'Image name',
			'Image filename',
			'Photo',
			'Photo file',
			'Photo file name',
			'Photo filename',
			'Picture',
			'Picture file',
			'Picture file name',
			'Profile photo',
			'Profile picture',
			'Profile image',
			'User photo',
			'User image',
			'Portrait',
			'Avatar',
			'File name',
			'Filename',
			// Korean
			'사진',
			'사진 파일',
			'사진 파일명',
			'이미지',
			'이미지 파일',
			'이미지 파일명',
			'프로필 사진',
			// Japanese
			'写真',
			'写真ファイル',
			'写真ファイル名',
			'画像',
			'画像ファイル',
			'画像ファイル名',
			'顔写真',
			// French
			'Nom du fichier image',
			'Fichier image',
			'Fichier photo',
			'Nom de la photo',
			// German
			'Foto',
			'Bild',
			'Bilddatei',
			'Fotodatei',
			'Dateiname',
			// Spanish
			'Imagen',
			'Archivo de imagen',
			'Nombre del archivo de imagen',
			'Archivo de foto'
		],
		hint: "the user's image file, e.g. ana-park.jpg, for Continue Task (blank: matched by User ID)"
	},
	cardId: {
		key: 'cardId',
		label: 'Card ID',
		required: false,
		aliases: [
			'Card',
			'Card number',
			'Card No',
			'Card No.',
			'CardID',
			'Card Num',
			'Badge',
			'Badge number',
			'Badge No',
			'CSN',
			'Card serial number',
			'Credential',
			// Korean
			'카드 번호',
			'카드번호',
			'카드 ID',
			'카드',
			// Japanese
			'カード番号',
			'カードID',
			'カード',
			// French
			'Numéro de carte',
			'Carte',
			'N° de carte',
			// German
			'Kartennummer',
			'Karten-ID',
			'Karte',
			'Ausweisnummer',
			// Spanish
			'Número de tarjeta',
			'Tarjeta',
			'ID de tarjeta'
		],
		hint: 'the card number, decimal or hexadecimal as chosen; at most 64 bits'
	},
	cardFormat: {
		key: 'cardFormat',
		label: 'Card format',
		required: false,
		aliases: [
			'Card type',
			'Format',
			'Wiegand format',
			'Credential format',
			'Credential type',
			// Korean
			'카드 형식',
			'카드 포맷',
			// Japanese
			'カード形式',
			'カードフォーマット',
			// French
			'Format de carte',
			// German
			'Kartenformat',
			// Spanish
			'Formato de tarjeta'
		],
		hint: 'CSN, H10301, Corporate 1000 or H10304 (blank: the Card format chosen in Configure)'
	},
	facilityCode: {
		key: 'facilityCode',
		label: 'Facility code',
		required: false,
		aliases: [
			'Facility',
			'Facility No',
			'FC',
			'FAC',
			'Site code',
			'Site',
			'Company ID',
			'Company code',
			// Korean
			'시설 코드',
			'사이트 코드',
			// Japanese
			'施設コード',
			'サイトコード',
			// French
			'Code site',
			'Code de site',
			// German
			'Anlagencode',
			'Standortcode',
			// Spanish
			'Código de instalación',
			'Código de sitio'
		],
		hint: 'Wiegand cards: H10301 0–255, Corporate 1000 0–4,095 (company ID), H10304 0–65,535'
	},
	cardNumber: {
		key: 'cardNumber',
		label: 'Card number',
		required: false,
		// Also names of Card ID: auto-mapping gives them to this field only beside a Facility code.
		aliases: [
			'Card No',
			'Card No.',
			'Card Num',
			'CN',
			'Card code',
			// Korean
			'카드 번호',
			'카드번호',
			// Japanese
			'カード番号',
			// French
			'Numéro de carte',
			// German
			'Kartennummer',
			// Spanish
			'Número de tarjeta'
		],
		hint: 'Wiegand cards: H10301 0–65,535, Corporate 1000 0–1,048,575, H10304 0–524,287'
	},
	cardStart: {
		key: 'cardStart',
		label: 'Card start date',
		required: false,
		aliases: [
			'Start date',
			'Start',
			'Start datetime',
			'Start date time',
			'Valid from',
			'Validity start',
			'Valid since',
			'Begin',
			'Begin date',
			'From',
			'Card start',
			'Card valid from',
			'Activation date',
			// Korean
			'시작일',
			'시작 날짜',
			'카드 시작일',
			'유효 시작일',
			'발급일',
			// Japanese
			'開始日',
			'有効開始日',
			'カード開始日',
			// French
			'Date de début',
			'Début',
			'Valide à partir du',
			'Valable du',
			// German
			'Startdatum',
			'Gültig ab',
			'Beginn',
			// Spanish
			'Fecha de inicio',
			'Inicio',
			'Válido desde'
		],
		hint: 'date; blank: the Start date chosen in Configure'
	},
	cardEnd: {
		key: 'cardEnd',
		label: 'Card end date',
		required: false,
		aliases: [
			'End date',
			'End',
			'Valid to',
			'Valid until',
			'Valid through',
			'Validity end',
			'Expiry',
			'Expiry date',
			'Expiry datetime',
			'Expiry date time',
			'End datetime',
			'Expires',
			'Expiration',
			'Expiration date',
			'Until',
			'To',
			'Card end',
			'Card expiry',
			'Card valid to',
			// Korean
			'종료일',
			'종료 날짜',
			'카드 종료일',
			'만료일',
			'유효기간',
			'유효 종료일',
			// Japanese
			'終了日',
			'有効期限',
			'有効終了日',
			'カード終了日',
			// French
			'Date de fin',
			'Fin',
			"Date d'expiration",
			"Valide jusqu'au",
			'Valable au',
			// German
			'Enddatum',
			'Gültig bis',
			'Ablaufdatum',
			// Spanish
			'Fecha de fin',
			'Fecha de vencimiento',
			'Fecha de caducidad',
			'Válido hasta'
		],
		hint: 'date on or after the start; blank: the End date chosen in Configure'
	}
};

/** The label of a field, for messages and result files. */
export const fieldLabel = (key: FieldKey): string => FIELDS[key].label;

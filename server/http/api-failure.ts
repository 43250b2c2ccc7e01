/**
 * Every refusal of the API is `{ code, message }` with a stable code the browser can act on and
 * a message written for the admin; the code decides the HTTP status.
 */
export const API_STATUS = {
	INVALID_INPUT: 400,
	BAD_REQUEST: 400,
	UNAUTHENTICATED: 401,
	WRONG_CREDENTIALS: 401,
	FORBIDDEN: 403,
	ORIGIN_REFUSED: 403,
	NOT_FOUND: 404,
	ALREADY_SET_UP: 409,
	DUPLICATE_USER_ID: 409,
	DUPLICATE_PHONE: 409,
	DUPLICATE_CARD: 409,
	CHANGED_MEANWHILE: 409,
	IMPORT_IN_PROGRESS: 409,
	DUPLICATE_EMAIL: 409,
	LAST_OWNER: 409,
	SITE_NOT_EMPTY: 409,
	// A part sent at another offset than the bytes received so far: ask how far it got.
	UPLOAD_OFFSET: 409,
	PAYLOAD_TOO_LARGE: 413,
	// A file over the site's Maximum CSV size, refused before any of it is sent.
	FILE_TOO_LARGE: 413,
	UNSUPPORTED_MEDIA_TYPE: 415,
	// An upload's bytes whose SHA-256 is not the one it was started with; it starts again.
	CHECKSUM_MISMATCH: 422,
	TOO_MANY_ATTEMPTS: 429,
	UNEXPECTED: 500
} as const;
export type ApiErrorCode = keyof typeof API_STATUS;

export interface ApiError {
	code: ApiErrorCode;
	message: string;
	/** More for the browser to act on: the other user's ID, the fields at fault. */
	detail?: Record<string, unknown>;
}

/** Thrown by a route or repository to refuse a request; the error handler answers with it. */
export class ApiFailure extends Error {
	constructor(
		readonly code: ApiErrorCode,
		message: string,
		options: {
			detail?: Record<string, unknown>;
			/** Extra response headers, e.g. Retry-After. */
			headers?: Record<string, string>;
		} = {}
	) {
		super(message);
		this.name = 'ApiFailure';
		this.detail = options.detail;
		this.headers = options.headers ?? {};
	}

	readonly detail: Record<string, unknown> | undefined;
	readonly headers: Record<string, string>;

	get status(): number {
		return API_STATUS[this.code];
	}

	toJSON(): ApiError {
		return this.detail
			? { code: this.code, message: this.message, detail: this.detail }
			: { code: this.code, message: this.message };
	}
}

/** A form's values refused by its rules: every field's message, and the fields for the form. */
export function invalidFields(fields: Partial<Record<string, string>>): ApiFailure {
	return new ApiFailure('INVALID_INPUT', Object.values(fields).join(' '), { detail: { fields } });
}

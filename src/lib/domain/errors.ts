/**
 * Errors that leave a module (and may cross the worker boundary through Comlink) are plain,
 * structured-cloneable objects with a stable code and a message written for the admin.
 */
export const ERROR_CODES = [
	'IMPORT_IN_PROGRESS',
	'DUPLICATE_USER_ID',
	'DUPLICATE_EMAIL',
	'DUPLICATE_PHONE',
	'DUPLICATE_CARD',
	'CHANGED_MEANWHILE',
	'NOT_FOUND',
	'INVALID_INPUT',
	'FILE_EMPTY',
	'FILE_TOO_LARGE',
	'FILE_NOT_TEXT',
	'FILE_IS_SPREADSHEET',
	'NOT_UTF8',
	'NO_HEADER',
	'TOO_MANY_COLUMNS',
	'SESSION_NOT_FOUND',
	'SESSION_STATE',
	'STORAGE_FULL',
	'CANCELLED',
	'SUPERSEDED',
	// The site server's refusals the browser shows as they are (server/http/api-failure.ts).
	'UNAUTHENTICATED',
	'FORBIDDEN',
	'SITE_NOT_EMPTY',
	'PAYLOAD_TOO_LARGE',
	'UNSUPPORTED_MEDIA_TYPE',
	'UNEXPECTED'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
	code: ErrorCode;
	message: string;
	/** Optional machine-readable detail, e.g. the id of the conflicting user. */
	detail?: Record<string, string | number>;
}

export function appError(code: ErrorCode, message: string, detail?: AppError['detail']): AppError {
	return detail ? { code, message, detail } : { code, message };
}

export function isAppError(value: unknown): value is AppError {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as AppError).code === 'string' &&
		(ERROR_CODES as readonly string[]).includes((value as AppError).code) &&
		typeof (value as AppError).message === 'string'
	);
}

/**
 * An AppError thrown as an Error, for code that must abort by throwing (a Dexie transaction is
 * rolled back by a throw). Catch it with toAppError to get the plain object back.
 */
export class AppFailure extends Error {
	constructor(readonly error: AppError) {
		super(error.message);
		this.name = 'AppFailure';
	}
}

/** Several refusals at once (every conflict of a form's fields), thrown as one AppFailure. */
export class AppFailures extends AppFailure {
	constructor(readonly errors: AppError[]) {
		super(errors[0] ?? appError('UNEXPECTED', 'No error was given'));
	}
}

/** Builds the AppFailure to throw for `code`. */
export function refusal(code: ErrorCode, message: string, detail?: AppError['detail']): AppFailure {
	return new AppFailure(appError(code, message, detail));
}

/** Everything a throw refused: all the errors of an AppFailures, else the one AppError. */
export function toAppErrors(thrown: unknown): AppError[] {
	return thrown instanceof AppFailures ? thrown.errors : [toAppError(thrown)];
}

/** Turns anything thrown into an AppError, keeping AppErrors as they are. */
/**
 * A refusal of the site server as the screens show it: its own code when the browser knows it,
 * else UNEXPECTED, always with the server's message (which says what to do).
 */
export function serverError(code: string, message: string): AppError {
	return appError(
		(ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'UNEXPECTED',
		message
	);
}

export function toAppError(thrown: unknown): AppError {
	if (thrown instanceof AppFailure) return thrown.error;
	if (isAppError(thrown)) return thrown;
	if (thrown instanceof Error) {
		if (thrown.name === 'QuotaExceededError' || /quota/i.test(thrown.message)) {
			return appError(
				'STORAGE_FULL',
				'The browser has run out of storage space for Roster. Free some space (Settings shows what is used) and try again.'
			);
		}
		return appError('UNEXPECTED', thrown.message || thrown.name);
	}
	return appError('UNEXPECTED', String(thrown));
}

import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiFailure, type ApiErrorCode } from './api-failure';

/** Fastify's own refusals, with the code and words the API uses for them. */
function fastifyRefusal(error: FastifyError): ApiFailure | null {
	if (error.validation)
		return new ApiFailure('INVALID_INPUT', `The request is not valid: ${error.message}`);
	const byStatus: Partial<Record<number, [ApiErrorCode, string]>> = {
		400: ['BAD_REQUEST', `The request could not be read: ${error.message}`],
		413: ['PAYLOAD_TOO_LARGE', 'The request is larger than the server accepts'],
		415: ['UNSUPPORTED_MEDIA_TYPE', 'Send the request as JSON (Content-Type: application/json)']
	};
	const known = error.statusCode ? byStatus[error.statusCode] : undefined;
	return known ? new ApiFailure(...known) : null;
}

/**
 * One place turns every failure into `{ code, message }`. Bad input is a 4xx with a code; only
 * a fault of the server itself is a 500, logged with its stack and answered without it.
 */
export function handleErrors(app: FastifyInstance) {
	app.setErrorHandler((error: FastifyError, request, reply) => {
		const failure = error instanceof ApiFailure ? error : fastifyRefusal(error);
		if (failure) return reply.code(failure.status).headers(failure.headers).send(failure.toJSON());
		request.log.error(error);
		return reply.code(500).send({
			code: 'UNEXPECTED',
			message: 'The server failed to answer. Try again; if it goes on, check the server log.'
		});
	});
}

import { parseEmail, parseName } from '../../src/lib/domain/field-rules';
import { ApiFailure } from '../http/api-failure';
import { passwordProblem } from '../auth/password';

export interface AdminInput {
	name: string;
	email: string;
	password: string;
}

/** The JSON schema of an admin's details; the rules beyond shape are the domain's. */
export const ADMIN_INPUT_SCHEMA = {
	type: 'object',
	required: ['name', 'email', 'password'],
	additionalProperties: false,
	properties: {
		name: { type: 'string', maxLength: 1000 },
		email: { type: 'string', maxLength: 1000 },
		password: { type: 'string', maxLength: 1000 },
		owner: { type: 'boolean' },
		siteName: { type: 'string', maxLength: 1000 }
	}
} as const;

/** Judges every field at once (the same name and email rules as a user's), or refuses with all. */
export function parseAdminInput(body: AdminInput): AdminInput {
	const name = parseName(body.name.trim());
	const email = parseEmail(body.email.trim());
	const problems = [
		...(name.ok ? [] : name.errors),
		...(email.ok ? [] : email.errors),
		...[passwordProblem(body.password)].filter((p): p is string => p !== null)
	];
	if (!name.ok || !email.ok || problems.length > 0)
		throw new ApiFailure('INVALID_INPUT', problems.join('. '));
	return { name: name.value, email: email.value, password: body.password };
}

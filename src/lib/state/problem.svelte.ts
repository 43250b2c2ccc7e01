import type { AppError } from '$lib/domain/errors';

/** The last problem to show on the wizard's current step (role `alert`), shared by its parts. */
export class Problem {
	error = $state<AppError | null>(null);
}

import { database } from '$lib/db/database';
import { issueSelectedCards, type SelectedIssueCount } from '$lib/db/repositories/card-issuing';
import type { AppError } from '$lib/domain/errors';
import type { CardNumber } from '$lib/domain/model';
import { RowSelection } from './row-selection.svelte';

const count = new Intl.NumberFormat();
const cards = (n: number): string => (n === 1 ? '1 card' : `${count.format(n)} cards`);
const were = (n: number): string => (n === 1 ? '1 was' : `${count.format(n)} were`);

/** What a bulk issue did, in words for the admin. */
export function describeIssued(result: SelectedIssueCount): string {
	const parts = [`Issued ${cards(result.issued)}.`];
	if (result.alreadyIssued > 0) parts.push(`${were(result.alreadyIssued)} already issued.`);
	if (result.revoked > 0) {
		parts.push(
			`${were(result.revoked)} revoked and not issued: issue a revoked card again from its holder's page.`
		);
	}
	if (result.missing > 0) parts.push(`${were(result.missing)} removed meanwhile.`);
	return parts.join(' ');
}

/**
 * The Cards screen's selection and its one bulk action, Issue selected. One per screen visit:
 * the selection is of rows the admin saw, and starts empty.
 */
export class BulkCardIssue {
	readonly selection = new RowSelection<CardNumber>();
	busy = $state(false);
	/** Selected cards handled so far while issuing. */
	progress = $state<{ done: number; total: number } | null>(null);
	/** What the last Issue selected did. */
	report = $state<string | null>(null);
	failure = $state<AppError | null>(null);

	/**
	 * Issues the selected registered cards in one guarded write, then clears the selection. A
	 * refusal (an import started meanwhile) changes nothing and keeps the selection for a retry.
	 */
	async issueSelected(now = Date.now()): Promise<void> {
		const numbers = this.selection.values();
		if (numbers.length === 0 || this.busy) return;
		this.busy = true;
		this.failure = null;
		this.report = null;
		this.progress = { done: 0, total: numbers.length };
		try {
			const result = await issueSelectedCards(database(), numbers, now, (done) => {
				this.progress = { done, total: numbers.length };
			});
			if (result.ok) {
				this.report = describeIssued(result.value);
				this.selection.clear();
			} else {
				this.failure = result.errors[0] ?? null;
			}
		} finally {
			this.busy = false;
			this.progress = null;
		}
	}
}

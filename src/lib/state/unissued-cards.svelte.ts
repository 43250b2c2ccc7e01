import { database } from '$lib/db/database';
import { countRegisteredCardsOf } from '$lib/db/repositories/card-issuing';
import type { SessionId } from '$lib/domain/model';
import { importedUserIds } from '$lib/import/continue/imported-users';

export type UnissuedCheck =
	| { status: 'checking' }
	| { status: 'known'; count: number }
	/** The count could not be read: the dialog says so rather than staying silent. */
	| { status: 'unknown' };

const count = new Intl.NumberFormat();

/**
 * What the Complete dialog says of the cards not issued yet; `issueHere` when Issue cards in
 * Continue Task can issue them now (not after a cancelled import, nor while another runs).
 */
export function unissuedWarning(check: UnissuedCheck, issueHere: boolean): string | null {
	switch (check.status) {
		case 'checking':
			return "Checking whether this import's cards are issued…";
		case 'unknown':
			return "Whether this import's cards are issued could not be checked: look on the Cards screen.";
		case 'known':
			if (check.count === 0) return null;
			return [
				`${check.count === 1 ? "1 card of this import's users is" : `${count.format(check.count)} cards of this import's users are`} registered but not issued yet.`,
				issueHere ? 'Issue cards (in Continue Task) issues them all at once; after Complete,' : '',
				`${issueHere ? 'issue' : 'Issue'} them on the Cards screen: Status Registered, select them, Issue selected.`
			]
				.filter(Boolean)
				.join(' ');
	}
}

/**
 * Counts the registered cards of an import's users when the admin is about to Complete it:
 * Complete ends Continue Task, so the dialog must say which cards Issue cards has not issued.
 * The same cards `issueCardsOf` would issue: every registered card of the import's users.
 */
export class UnissuedCards {
	check = $state<UnissuedCheck>({ status: 'checking' });
	#asked = 0;

	async read(sessionId: SessionId): Promise<void> {
		const asked = ++this.#asked;
		this.check = { status: 'checking' };
		try {
			const db = database();
			const registered = await countRegisteredCardsOf(db, await importedUserIds(db, sessionId));
			if (asked === this.#asked) this.check = { status: 'known', count: registered };
		} catch (error) {
			console.error(error);
			if (asked === this.#asked) this.check = { status: 'unknown' };
		}
	}
}

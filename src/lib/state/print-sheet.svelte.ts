import { showCardNumber } from '$lib/domain/card-number';
import type { SessionId, UserId } from '$lib/domain/model';
import { database } from '$lib/db/database';
import { printableCards } from '$lib/db/printable-cards';
import { importedUserIds } from '$lib/import/continue/imported-users';

export interface CardFace {
	key: string;
	name: string;
	userId: UserId;
	userType: string;
	number: string;
	validFrom: string;
	validTo: string;
	/** An object URL of the holder's image, revoked when the sheet is closed. */
	photo: string | null;
}

export type PrintSource =
	{ kind: 'user'; userId: UserId } | { kind: 'import'; sessionId: SessionId };

/** The cards a print view shows, loaded once; owns the object URLs of the photos. */
export class PrintSheet {
	faces = $state<CardFace[]>([]);
	loading = $state(true);
	#urls: string[] = [];

	/** Loads the issued cards of `source`, each number shown as it was entered. */
	async load(source: PrintSource): Promise<void> {
		const db = database();
		const userIds =
			source.kind === 'user' ? [source.userId] : await importedUserIds(db, source.sessionId);
		const cards = await printableCards(db, userIds);
		this.faces = cards.map(({ user, card, image }) => {
			const photo = image ? URL.createObjectURL(image) : null;
			if (photo) this.#urls.push(photo);
			return {
				key: card.number,
				name: user.name,
				userId: user.id,
				userType: user.userType,
				number: showCardNumber(card),
				validFrom: card.validFrom,
				validTo: card.validTo,
				photo
			};
		});
		this.loading = false;
	}

	close(): void {
		for (const url of this.#urls) URL.revokeObjectURL(url);
		this.#urls = [];
	}
}

import { database } from '$lib/db/database';
import { watchVersionChange } from '$lib/db/version-change';

/**
 * This tab's connection to the database. When another tab upgrades the schema, this tab closes
 * its connection at once (it never holds an import: the worker does) and asks for a reload.
 */
class Connection {
	reloadNeeded = $state(false);
	#watching = false;

	watch(): void {
		if (this.#watching) return;
		this.#watching = true;
		watchVersionChange(database(), {
			isBusy: () => false,
			onClosed: () => {
				this.reloadNeeded = true;
			}
		});
	}
}

export const connection = new Connection();

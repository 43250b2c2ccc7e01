import type { SqlDatabase } from '../db/sql';
import { CHANGES_CHANNEL } from './versions';

export type VersionListener = (version: number) => void;

export interface ChangeNotifier {
	/** Calls `listener` with each new version of the site until the returned function is called. */
	subscribe(siteId: string, listener: VersionListener): () => void;
	close(): Promise<void>;
}

/**
 * One LISTEN per server process, fanned out to the event streams of its signed-in admins. The
 * notification comes from the database, so a change written by any process of the site reaches
 * every admin, whichever process holds their stream.
 */
export async function startChangeNotifier(db: SqlDatabase): Promise<ChangeNotifier> {
	const listeners = new Map<string, Set<VersionListener>>();
	const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
		const [siteId, version] = payload.split(':');
		if (!siteId || !version) return;
		for (const listener of listeners.get(siteId) ?? []) listener(Number(version));
	});
	return {
		subscribe(siteId, listener) {
			const set = listeners.get(siteId) ?? new Set();
			listeners.set(siteId, set.add(listener));
			return () => {
				set.delete(listener);
				if (set.size === 0) listeners.delete(siteId);
			};
		},
		close: stop
	};
}

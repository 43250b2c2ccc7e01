import type { RosterDatabase } from './database';

export interface VersionChangePolicy {
	/** True while this context must not let go of the database (an import is writing). */
	isBusy: () => boolean;
	/** Called once this context's connection is closed for the upgrade: ask for a reload. */
	onClosed: () => void;
}

/**
 * Another tab opening a newer version of the database asks every open connection to close.
 * A context that is writing an import defers that until the run ends (its chunks must not be cut
 * off); any other context closes at once and asks the admin to reload onto the new version.
 * Returns `release`, to call when the busy period ends.
 */
export function watchVersionChange(db: RosterDatabase, policy: VersionChangePolicy): () => void {
	let deferred = false;
	const close = () => {
		deferred = false;
		db.close();
		policy.onClosed();
	};
	db.on('versionchange', () => {
		if (policy.isBusy()) deferred = true;
		else close();
		// false: Dexie's default (close and log) is replaced by the policy above.
		return false;
	});
	return () => {
		if (deferred && !policy.isBusy()) close();
	};
}

/**
 * `POST /api/erase`: the site's settings, people, cards, photos, uploads, imports and feed go in
 * one transaction, and the site's epoch moves on. Every replica learns of it at its next page of
 * the feed (`epoch` differs from the one it synced under) and drops its copy
 * (src/lib/sync/replica.ts), then syncs the site afresh from version 0. The version keeps counting
 * up rather than starting again, so no version ever names two changes. Mutation answers are kept:
 * a retry of a mutation sent before the erase gets its first answer instead of writing into the
 * erased site.
 */
import type { SqlDatabase } from '../db/sql';
import { announceVersion, BACKUP_SECTIONS } from './backup-sections';
import { assertSiteFree } from './import-lease';
import { deleteSiteUploads } from './uploads';
import { lockSiteForWrite } from './versions';

export async function eraseSite(
	db: SqlDatabase,
	siteId: string
): Promise<{ version: number; epoch: number }> {
	return db.transaction(async (tx) => {
		await lockSiteForWrite(tx, siteId);
		// An import's chunks still on their way would land in the erased site.
		await assertSiteFree(tx, siteId, Date.now());
		// Owned records first (photos and cards before their users).
		for (const section of [...BACKUP_SECTIONS].reverse()) await section.erase(tx, siteId);
		// A file sent for an import of the erased site's data is of no use to the new one.
		await deleteSiteUploads(tx, siteId);
		// Its imports' results and journals describe records that are gone (a running one was
		// refused above): Undo or a result file of them would be wrong.
		await tx.query('DELETE FROM import_jobs WHERE site_id = $1', [siteId]);
		await tx.query('DELETE FROM changes WHERE site_id = $1', [siteId]);
		const rows = await tx.query<{ version: number | string; epoch: number | string }>(
			`UPDATE site_versions SET version = version + 1, epoch = epoch + 1
			 WHERE site_id = $1 RETURNING version, epoch`,
			[siteId]
		);
		const head = { version: Number(rows[0]?.version), epoch: Number(rows[0]?.epoch) };
		// Streams hear of a new version, so replicas ask the feed now and see the new epoch.
		await announceVersion(tx, siteId, head.version);
		return head;
	});
}

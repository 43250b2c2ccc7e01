/**
 * Every change of an import job goes into the site's feed as its `import` entity, with the job as
 * the screens show it (`jobView`), or null once it is completed (docs/architecture.md, "Imports on
 * the server"). Call it in the transaction that changed the job, after lockSiteForWrite: the
 * version it takes is handed out under that lock, like every other change's.
 */
import type { SqlQueryable } from '../db/sql';
import { nextVersion, recordChange } from '../site/versions';
import { getJob, jobView } from './jobs';

export async function announceJob(tx: SqlQueryable, siteId: string, id: string): Promise<void> {
	const job = await getJob(tx, siteId, id);
	await recordChange(tx, siteId, await nextVersion(tx, siteId), {
		entity: 'import',
		key: id,
		record: job ? jobView(job) : null
	});
}

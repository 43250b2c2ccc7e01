/**
 * Every write of the site from a page goes here (docs/architecture.md, "The replica"): it
 * becomes a mutation with a fresh id, goes through the site worker's outbox, and the page gets
 * the server's answer, or `queued` when the server cannot be reached now (it is sent later).
 */
import type { MutationBody } from '$lib/domain/mutations';
import type { MutateAnswer } from '$lib/sync/api';

export type { MutateAnswer };

export async function sendSiteWrite(body: MutationBody): Promise<MutateAnswer> {
	const { siteWorker } = await import('$lib/sync/client');
	return siteWorker().mutate({ id: crypto.randomUUID(), ...body });
}

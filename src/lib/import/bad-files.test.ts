import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterDatabase } from '$lib/db/database';
import { testDatabase } from '$lib/db/testing/test-db';
import { BAD_FILES, type BadFileOutcome } from './testing/bad-files';
import { DEFAULTS, testEngine } from './testing/engine-harness';

let db: RosterDatabase;
beforeEach(() => {
	db = testDatabase();
});
afterEach(() => db.delete());

const file = (name: string) =>
	new File([readFileSync(join(process.cwd(), 'tests/fixtures/bad', name))], name);

describe('the bad-input corpus ends in a clear message or per-row failures', () => {
	for (const [name, outcome] of Object.entries<BadFileOutcome>(BAD_FILES)) {
		it(name, async () => {
			const engine = testEngine(db);
			const opening = engine.open(file(name), { maxBytes: 5 * 1024 * 1024, defaults: DEFAULTS });
			if ('refused' in outcome) {
				await expect(opening).rejects.toMatchObject({ error: { code: outcome.refused } });
				expect(await db.importSessions.count()).toBe(0);
				return;
			}
			const view = await opening;
			if ('encoding' in outcome && outcome.encoding) {
				expect(view.session.encoding).toBe(outcome.encoding);
			}
			if ('undecodable' in outcome) {
				const { code, row, offset } = outcome.undecodable;
				const refused = engine.start(view.session.id);
				await expect(refused).rejects.toMatchObject({ error: { code, detail: { row, offset } } });
				await expect(refused).rejects.toThrow(`on row ${row.toLocaleString('en')}`);
				expect((await db.importSessions.get(view.session.id))?.status).toBe('configuring');
				expect(await db.users.count()).toBe(0);
				return;
			}
			const session = await engine.start(view.session.id);
			const { created, updated, kept, failed, skipped } = session.counters;
			expect({ succeeded: created + updated + kept, failed, skipped }).toEqual({
				succeeded: outcome.succeeded,
				failed: outcome.failed,
				skipped: outcome.skipped ?? 0
			});
			expect(await db.users.count()).toBe(outcome.succeeded);
			if (outcome.failedMessage) {
				const failedCsv = await (await engine.exportResults(view.session.id, 'failed')).blob.text();
				expect(failedCsv).toContain(outcome.failedMessage);
			}
		});
	}
});

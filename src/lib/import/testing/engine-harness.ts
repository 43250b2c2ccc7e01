import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultImportSettings, type ImportSettings } from '$lib/domain/import-settings';
import type { IsoDate, SessionId } from '$lib/domain/model';
import type { RosterDatabase } from '$lib/db/database';
import type { ImportLock } from '$lib/lock/import-lock';
import { ImportEngine, type EngineOptions } from '../engine';
import type { ConfigureView } from '../api';

export const FIXTURES = join(process.cwd(), 'tests/fixtures/public');
export const TODAY = '2026-11-26' as IsoDate;
export const DEFAULTS: ImportSettings = defaultImportSettings(TODAY);
const noLock: ImportLock = { run: (work) => work() };

export function fixtureFile(name: string): File {
	return new File([readFileSync(join(FIXTURES, name))], name, { type: 'text/csv' });
}

export function csvFile(text: string, name = 'users.csv'): File {
	return new File([text], name, { type: 'text/csv' });
}

/** An engine with a fixed clock and sequential session ids, so runs compare record for record. */
export function testEngine(db: RosterDatabase, options: EngineOptions = {}): ImportEngine {
	let ids = 0;
	return new ImportEngine(db, {
		now: () => Date.UTC(2026, 10, 26, 12),
		lock: noLock,
		newId: () => `s${(ids += 1)}`,
		progressIntervalMs: 0,
		...options
	});
}

/** Opens a file and applies Configure choices the way the wizard does. */
export async function configured(
	engine: ImportEngine,
	file: File,
	settings: Partial<ImportSettings & { encoding: string; delimiter: string }> = {}
): Promise<SessionId> {
	const { encoding, delimiter, ...importSettings } = settings;
	const view: ConfigureView = await engine.open(file, {
		maxBytes: 5 * 1024 * 1024,
		defaults: DEFAULTS
	});
	const id = view.session.id;
	if (encoding) await engine.configure(id, { encoding });
	if (delimiter) await engine.configure(id, { delimiter: delimiter as ',' });
	if (Object.keys(importSettings).length > 0) {
		const current = (await engine.describe(id)).session.settings;
		await engine.configure(id, { settings: { ...current, ...importSettings } });
	}
	return id;
}

/** Users and cards as plain sorted arrays, for comparing whole databases. */
export async function snapshot(db: RosterDatabase) {
	return {
		users: await db.users.orderBy('id').toArray(),
		cards: await db.cards.orderBy('number').toArray()
	};
}

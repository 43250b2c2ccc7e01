import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionRow } from '$lib/db/testing/test-db';
import type { AppError } from '$lib/domain/errors';
import type { ImportSession } from '$lib/domain/import-session';
import { ok, fail, type Result } from '$lib/domain/result';
import type { ConfigurePatch, ConfigureView, DryRunSummary, Preview } from '$lib/import/api';
import { ConfigureDraft } from './configure-draft.svelte';
import type { ImportWorker } from './import-worker';
import { Problem } from './problem.svelte';

/** A stand-in for the engine: it keeps one session and answers the Configure calls. */
class FakeEngine {
	session: ImportSession = sessionRow('s1');
	configured: ConfigurePatch[] = [];
	dryRunAnswer: Result<DryRunSummary, AppError> = ok({
		counters: { created: 1, updated: 0, kept: 0, failed: 0, skipped: 0 },
		totalRows: 1,
		firstFailures: [],
		cardTypeWarning: null,
		leadingZeroWarning: null
	});

	view(): ConfigureView {
		return {
			session: this.session,
			leadingRows: [],
			headerNames: ['Name'],
			mappingRestored: false,
			suggestedHeaderRow: 1,
			recordsInFile: null,
			sheetWarnings: []
		};
	}

	api(): ImportWorker {
		return {
			describe: () => Promise.resolve(ok(this.view())),
			configure: (_id: string, patch: ConfigurePatch) => {
				this.configured.push(patch);
				this.session = {
					...this.session,
					...patch,
					settings: patch.settings ?? this.session.settings
				};
				return Promise.resolve(ok(this.view()));
			},
			preview: () => Promise.resolve(ok<Preview>({ fields: ['name'], rows: [] })),
			dryRun: () => Promise.resolve(this.dryRunAnswer)
		} as unknown as ImportWorker;
	}
}

let engine: FakeEngine;
let problem: Problem;
let draft: ConfigureDraft;

beforeEach(() => {
	vi.useFakeTimers();
	engine = new FakeEngine();
	problem = new Problem();
	draft = new ConfigureDraft(problem, () => Promise.resolve(engine.api()));
});
afterEach(() => vi.useRealTimers());

describe('ConfigureDraft', () => {
	it('loads a session and counts it: preview and dry run', async () => {
		await draft.load(engine.session.id);
		await vi.runAllTimersAsync();
		expect(draft.draft?.settings).toEqual(engine.session.settings);
		expect(draft.preview).toEqual({ fields: ['name'], rows: [] });
		expect(draft.dryRun?.totalRows).toBe(1);
		expect(draft.counting).toBe(false);
		expect(draft.canImport).toBe(true);
	});

	it('shows an edit at once and sends edits made in a pause as one', async () => {
		await draft.load(engine.session.id);
		await vi.runAllTimersAsync();
		draft.editSettings({ overwrite: 'overwrite' });
		draft.editSettings({ dateFormat: 'DD/MM/YYYY' });
		expect(draft.draft?.settings).toMatchObject({
			overwrite: 'overwrite',
			dateFormat: 'DD/MM/YYYY'
		});
		expect(draft.refreshing).toBe(true);
		expect(engine.configured).toHaveLength(0);
		await vi.runAllTimersAsync();
		expect(engine.configured).toHaveLength(1);
		expect(engine.session.settings).toMatchObject({
			overwrite: 'overwrite',
			dateFormat: 'DD/MM/YYYY'
		});
		expect(draft.refreshing).toBe(false);
	});

	it('keeps invalid settings pending until they are valid, and Import waits for them', async () => {
		await draft.load(engine.session.id);
		await vi.runAllTimersAsync();
		draft.editSettings({ headerRow: 0 });
		await vi.runAllTimersAsync();
		expect(engine.configured).toHaveLength(0);
		expect(draft.settingsProblems).not.toEqual([]);
		expect(draft.canImport).toBe(false);
		draft.editSettings({ headerRow: 2 });
		await draft.settle();
		expect(engine.configured).toEqual([
			{ settings: expect.objectContaining({ headerRow: 2 }) as unknown }
		]);
		expect(draft.canImport).toBe(true);
	});

	it('shows what the dry run refused, but not a count superseded by a newer one', async () => {
		engine.dryRunAnswer = fail({ code: 'SUPERSEDED', message: 'Counted again.' });
		await draft.load(engine.session.id);
		await vi.runAllTimersAsync();
		expect(problem.error).toBeNull();
		engine.dryRunAnswer = fail({ code: 'NOT_UTF8', message: 'Not valid UTF-8 on row 3.' });
		draft.editMapping({ email: null });
		await vi.runAllTimersAsync();
		expect(problem.error?.code).toBe('NOT_UTF8');
		draft.forget();
		expect([draft.view, draft.draft, problem.error]).toEqual([null, null, null]);
	});
});

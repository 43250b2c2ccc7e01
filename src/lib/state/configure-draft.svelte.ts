/**
 * The Configure step's state: the draft the admin is typing (shown at once, sent to the engine
 * after a short pause), the preview of the first rows and the dry run of the whole file. All of
 * it lives in memory only: a reload reads the session's saved settings again.
 */
import type { Delimiter, EncodingCandidate } from '$lib/domain/file-sniff';
import type { WorkbookChoice } from '$lib/domain/import-session';
import { validateImportSettings, type ImportSettings } from '$lib/domain/import-settings';
import { isMappingUsable, type Mapping } from '$lib/domain/mapping';
import type { SessionId } from '$lib/domain/model';
import type { ConfigurePatch, ConfigureView, DryRunSummary, Preview } from '$lib/import/api';
import { importWorker, type ImportWorker } from './import-worker';
import { Problem } from './problem.svelte';

const CONFIGURE_DEBOUNCE_MS = 150;
const PREVIEW_ROWS = 10;

/** What Configure edits before the engine has it. */
export interface DraftSettings {
	encoding: string;
	delimiter: Delimiter;
	/** A workbook's chosen sheet; null for a CSV. */
	sheet: string | null;
	settings: ImportSettings;
	mapping: Mapping;
}

export class ConfigureDraft {
	view = $state<ConfigureView | null>(null);
	draft = $state<DraftSettings | null>(null);
	preview = $state<Preview | null>(null);
	dryRun = $state<DryRunSummary | null>(null);
	/** True while the engine has not yet answered the admin's latest change. */
	refreshing = $state(false);
	/** True while the dry run counts the whole file. */
	counting = $state(false);

	readonly #problem: Problem;
	readonly #worker: () => Promise<ImportWorker>;
	#loadedId: SessionId | null = null;
	#pending: ConfigurePatch = {};
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Bumped on every edit: an answer to an older edit is stale and dropped. */
	#edits = 0;
	#flushing: Promise<void> | null = null;

	constructor(problem: Problem, worker: () => Promise<ImportWorker> = importWorker) {
		this.#problem = problem;
		this.#worker = worker;
	}

	/** Encodings to offer: the engine's ranked candidates (each with its header as it reads). */
	get encodingCandidates(): EncodingCandidate[] {
		return this.view?.session.encodingCandidates ?? [];
	}

	/** The workbook's sheets when the file is an .xlsx; null for a CSV. */
	get workbook(): WorkbookChoice | null {
		return this.view?.session.workbook ?? null;
	}

	/** False when the bytes are not UTF-8: the admin must pick the encoding that reads right. */
	get validUtf8(): boolean {
		return this.view?.session.validUtf8 ?? true;
	}

	/** Problems with the draft settings, checked by the domain. */
	get settingsProblems(): string[] {
		if (!this.draft) return [];
		const checked = validateImportSettings(this.draft.settings);
		return checked.ok ? [] : checked.errors;
	}

	get canImport(): boolean {
		return (
			this.draft !== null &&
			isMappingUsable(this.draft.mapping) &&
			this.settingsProblems.length === 0 &&
			this.view !== null
		);
	}

	/** Loads the Configure view of a session (after a reload or when another tab opened it). */
	async load(id: SessionId): Promise<void> {
		if (this.#loadedId === id) return;
		this.#loadedId = id;
		const result = await (await this.#worker()).describe(id);
		if (this.#loadedId !== id) return;
		if (!result.ok) {
			// A session replaced meanwhile (a new file, another tab) is not a problem to show.
			if (result.errors[0]?.code !== 'SESSION_NOT_FOUND') {
				this.#problem.error = result.errors[0] ?? null;
			}
			return;
		}
		this.adopt(result.value);
	}

	/** Starts from what the engine answered for a newly opened or reloaded session. */
	adopt(view: ConfigureView): void {
		this.#loadedId = view.session.id;
		this.#show(view);
		this.preview = null;
		this.dryRun = null;
		void this.#refresh(view.session.id, this.#edits);
	}

	/** An edit from Configure: shown at once, sent to the engine after a short pause. */
	edit(patch: ConfigurePatch): void {
		if (!this.draft) return;
		this.#problem.error = null;
		this.#edits += 1;
		this.draft = {
			encoding: patch.encoding ?? this.draft.encoding,
			delimiter: patch.delimiter ?? this.draft.delimiter,
			sheet: patch.sheet ?? this.draft.sheet,
			settings: patch.settings ?? this.draft.settings,
			mapping: patch.mapping ?? this.draft.mapping
		};
		this.#pending = { ...this.#pending, ...patch };
		this.refreshing = true;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#flush(), CONFIGURE_DEBOUNCE_MS);
	}

	editSettings(change: Partial<ImportSettings>): void {
		if (this.draft) this.edit({ settings: { ...this.draft.settings, ...change } });
	}

	editMapping(change: Partial<Mapping>): void {
		if (this.draft) this.edit({ mapping: { ...this.draft.mapping, ...change } });
	}

	/** Sends every pending edit now and waits for the engine to have it (before Import). */
	async settle(): Promise<void> {
		clearTimeout(this.#timer);
		await this.#flush();
		if (this.#flushing) await this.#flushing;
	}

	/** Drops edits not sent yet (the file is being replaced). */
	discardPending(): void {
		clearTimeout(this.#timer);
		this.#pending = {};
	}

	/** Forgets the whole step: the session has left Configure or is gone. */
	forget(): void {
		this.#loadedId = null;
		this.view = null;
		this.draft = null;
		this.preview = null;
		this.dryRun = null;
		this.#problem.error = null;
	}

	/** Sends what is pending, unless the settings are not valid yet (a half-typed date). */
	async #flush(): Promise<void> {
		clearTimeout(this.#timer);
		const id = this.#loadedId;
		if (!id || Object.keys(this.#pending).length === 0 || this.settingsProblems.length > 0) {
			// Invalid settings stay pending: they are sent with the edit that makes them valid.
			this.refreshing = false;
			return;
		}
		const patch = this.#pending;
		this.#pending = {};
		const edits = this.#edits;
		const run = (async () => {
			const result = await (await this.#worker()).configure(id, patch);
			if (edits !== this.#edits) return;
			if (!result.ok) {
				this.#problem.error = result.errors[0] ?? null;
				this.refreshing = false;
				return;
			}
			this.#show(result.value);
			await this.#refresh(id, edits);
		})();
		this.#flushing = run;
		await run;
		if (this.#flushing === run) this.#flushing = null;
	}

	#show(view: ConfigureView): void {
		const { session } = view;
		this.view = view;
		this.draft = {
			encoding: session.encoding,
			delimiter: session.delimiter,
			sheet: session.workbook?.sheet ?? null,
			settings: { ...session.settings },
			mapping: { ...session.mapping }
		};
	}

	/**
	 * The preview (a few rows) shows as soon as it is ready; the dry run reads the whole file and
	 * fills in its counts when done, which for a large file is much later.
	 */
	async #refresh(id: SessionId, edits: number): Promise<void> {
		this.refreshing = true;
		this.counting = true;
		const remote = await this.#worker();
		const counted = this.#count(remote, id, edits);
		const preview = await remote.preview(id, PREVIEW_ROWS);
		if (this.#isCurrent(id, edits)) {
			this.refreshing = false;
			if (preview.ok) this.preview = preview.value;
			else this.#problem.error = preview.errors[0] ?? null;
		}
		await counted;
	}

	async #count(remote: ImportWorker, id: SessionId, edits: number): Promise<void> {
		const dryRun = await remote.dryRun(id);
		if (!this.#isCurrent(id, edits)) return;
		this.counting = false;
		if (dryRun.ok) this.dryRun = dryRun.value;
		// A newer count or the import itself replaced this one: not a problem to show.
		else if (dryRun.errors[0]?.code !== 'SUPERSEDED')
			this.#problem.error = dryRun.errors[0] ?? null;
	}

	#isCurrent(id: SessionId, edits: number): boolean {
		return edits === this.#edits && this.#loadedId === id;
	}
}

/**
 * The import wizard's state. The step is never stored here: it is derived from the import
 * session row in IndexedDB (a live query), so a reload, another tab or the `Import users` link
 * always lands on the step the session is at. What lives only in memory is what a reload may
 * lose without harm: the progress messages of a run this tab drives, the Configure draft being
 * typed, and the last error to show.
 */
import { defaultValidity, readAppSettings } from '$lib/db/app-settings';
import { database } from '$lib/db/database';
import type { ImportSession } from '$lib/domain/import-session';
import { LiveValue } from '$lib/db/live.svelte';
import { currentSession } from '$lib/db/repositories/import-sessions';
import { todayIso } from '$lib/domain/dates';
import { appError, type AppError } from '$lib/domain/errors';
import type { Delimiter, EncodingCandidate } from '$lib/domain/file-sniff';
import type { ImportSettings } from '$lib/domain/import-settings';
import { validateImportSettings } from '$lib/domain/import-settings';
import { isMappingUsable, type Mapping } from '$lib/domain/mapping';
import type { SessionId } from '$lib/domain/model';
import type {
	ConfigurePatch,
	ConfigureView,
	DryRunSummary,
	ImportProgress,
	Preview,
	ResultKind
} from '$lib/import/api';

/** The steps of the stepper, in order, with the brief's names. */
export const WIZARD_STEPS = [
	{ key: 'upload', label: 'Upload CSV File' },
	{ key: 'configure', label: 'Configure Data' },
	{ key: 'import', label: 'Import Users' },
	{ key: 'results', label: 'See Results' },
	{ key: 'continue', label: 'Continue Task' }
] as const;
export type StepKey = (typeof WIZARD_STEPS)[number]['key'];

/** Where the admin is: one case per screen, each with what that screen needs. */
export type WizardView =
	| { step: 'loading' }
	| { step: 'upload'; reading: { fileName: string; fileSize: number } | null }
	| { step: 'configure'; session: ImportSession }
	| { step: 'import'; session: ImportSession; phase: 'running' | 'cancelled' | 'interrupted' }
	| { step: 'results'; session: ImportSession };

const CONFIGURE_DEBOUNCE_MS = 150;
const PREVIEW_ROWS = 10;
const NOTIFY_ASKED_KEY = 'roster:notifications-asked';

/** What Configure edits before the engine has it: shown at once, sent after a short pause. */
export interface ConfigureDraft {
	encoding: string;
	delimiter: Delimiter;
	settings: ImportSettings;
	mapping: Mapping;
}

/** The worker is loaded only when an import needs it, not on every page. */
async function worker() {
	const { importWorker } = await import('$lib/import/client');
	return importWorker();
}

async function proxied(callback: (progress: ImportProgress) => void) {
	const { progressCallback } = await import('$lib/import/client');
	return progressCallback(callback);
}

export class ImportWizard {
	/** null until the first read of the database; then the current session or undefined. */
	readonly #live: LiveValue<{ session: ImportSession | undefined } | null>;

	/** The file being opened by this tab (Upload shows reading progress meanwhile). */
	reading = $state<{ fileName: string; fileSize: number } | null>(null);
	/** The last problem to show on the current step (role `alert`). */
	error = $state<AppError | null>(null);
	/** Progress messages of the run this tab drives; other tabs go by the session's cursor. */
	progress = $state<ImportProgress | null>(null);
	/** Set while this tab asked a running import to stop. */
	cancelling = $state(false);
	/** The cancelled run whose "keep or undo" choice the admin has made (or skipped by reload). */
	#cancelChoiceMade = $state<SessionId | null>(null);
	/** A command in flight (undo, export, complete): its buttons wait. */
	busy = $state<'undo' | 'complete' | ResultKind | null>(null);

	// Configure
	configureView = $state<ConfigureView | null>(null);
	draft = $state<ConfigureDraft | null>(null);
	preview = $state<Preview | null>(null);
	dryRun = $state<DryRunSummary | null>(null);
	/** True while the engine has not yet answered the admin's latest change. */
	refreshing = $state(false);
	/** True while the dry run counts the whole file. */
	counting = $state(false);

	#runningHere = $state<SessionId | null>(null);
	/**
	 * A run of this tab that stopped on an error it could not record (a disk with no room at all):
	 * the row still says running, this says why it stopped.
	 */
	#unrecordedStop = $state<ImportSession | null>(null);
	#loadedId: SessionId | null = null;
	#pending: ConfigurePatch = {};
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Bumped on every edit: an answer to an older edit is stale and dropped. */
	#edits = 0;
	#flushing: Promise<void> | null = null;

	/**
	 * Created eagerly, outside any reaction: a rune created inside the derived that first reads it
	 * is not tracked by that derived, which would then never see the session change.
	 */
	constructor() {
		this.#live = new LiveValue(async () => ({ session: await currentSession(database()) }), null);
	}

	get #row(): { session: ImportSession | undefined } | null {
		return this.#live.current;
	}

	/** The current session row, live. */
	get session(): ImportSession | undefined {
		return this.#row?.session;
	}

	get view(): WizardView {
		const row = this.#row;
		if (row === null) return { step: 'loading' };
		const session = row.session;
		if (!session || this.reading) return { step: 'upload', reading: this.reading };
		switch (session.status) {
			case 'configuring':
				return { step: 'configure', session };
			case 'running':
				return this.#unrecordedStop?.id === session.id && !this.#runningHere
					? { step: 'import', session: this.#unrecordedStop, phase: 'interrupted' }
					: { step: 'import', session, phase: 'running' };
			case 'undoing':
				return { step: 'import', session, phase: 'running' };
			case 'interrupted':
				return { step: 'import', session, phase: 'interrupted' };
			case 'cancelled':
				// Right after Cancel, the admin chooses to keep or undo; after a reload, Results
				// offers the same choice (Undo import), so the question is not asked twice.
				return this.cancelling && this.#cancelChoiceMade !== session.id
					? { step: 'import', session, phase: 'cancelled' }
					: { step: 'results', session };
			case 'done':
			case 'issuing':
				// Issuing cards is a Continue Task of the results screen, not a step of its own.
				return { step: 'results', session };
		}
	}

	/** The step the stepper marks as current. */
	get currentStep(): StepKey | null {
		const view = this.view;
		if (view.step === 'loading') return null;
		if (view.step === 'results' && view.session.step === 'continue') return 'continue';
		return view.step;
	}

	/** Encodings to offer: the engine's ranked candidates (each with its header as it reads). */
	get encodingCandidates(): EncodingCandidate[] {
		return this.configureView?.session.encodingCandidates ?? [];
	}

	/** False when the bytes are not UTF-8: the admin must pick the encoding that reads right. */
	get validUtf8(): boolean {
		return this.configureView?.session.validUtf8 ?? true;
	}

	// ——— Upload ———

	async open(file: File): Promise<void> {
		this.error = null;
		this.reading = { fileName: file.name, fileSize: file.size };
		try {
			const db = database();
			const appDefaults = await readAppSettings(db);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never state
			const today = todayIso(new Date());
			const { startDate, endDate } = defaultValidity(appDefaults, today);
			const defaults: ImportSettings = {
				overwrite: 'keep',
				cardIdType: appDefaults.cardIdType,
				startDate,
				endDate,
				dateFormat: appDefaults.dateFormat,
				headerRow: 1
			};
			const maxBytes = Math.round(appDefaults.maxCsvMb * 1024 * 1024);
			const result = await (await worker()).open(file, { maxBytes, defaults });
			if (!result.ok) {
				this.error = result.errors[0] ?? appError('UNEXPECTED', 'The file could not be read.');
				return;
			}
			this.#adopt(result.value);
		} catch (thrown) {
			this.error = appError('UNEXPECTED', `The file could not be read: ${String(thrown)}`);
		} finally {
			this.reading = null;
		}
	}

	// ——— Configure ———

	/** Loads the Configure view of a session (after a reload or when another tab opened it). */
	async load(id: SessionId): Promise<void> {
		if (this.#loadedId === id) return;
		this.#loadedId = id;
		const result = await (await worker()).describe(id);
		if (this.#loadedId !== id) return;
		if (!result.ok) {
			// A session replaced meanwhile (a new file, another tab) is not a problem to show.
			if (result.errors[0]?.code !== 'SESSION_NOT_FOUND') this.error = result.errors[0] ?? null;
			return;
		}
		this.#adopt(result.value);
	}

	#adopt(view: ConfigureView): void {
		const { session } = view;
		this.#loadedId = session.id;
		this.configureView = view;
		this.draft = {
			encoding: session.encoding,
			delimiter: session.delimiter,
			settings: { ...session.settings },
			mapping: { ...session.mapping }
		};
		this.preview = null;
		this.dryRun = null;
		void this.#refresh(session.id, this.#edits);
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
			this.configureView !== null
		);
	}

	/** An edit from Configure: shown at once, sent to the engine after a short pause. */
	edit(patch: ConfigurePatch): void {
		if (!this.draft) return;
		this.error = null;
		this.#edits += 1;
		this.draft = {
			encoding: patch.encoding ?? this.draft.encoding,
			delimiter: patch.delimiter ?? this.draft.delimiter,
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

	/** Sends what is pending, unless the settings are not valid yet (a half-typed date). */
	async #flush(): Promise<void> {
		clearTimeout(this.#timer);
		const id = this.#loadedId;
		if (!id || Object.keys(this.#pending).length === 0) {
			this.refreshing = false;
			return;
		}
		if (this.settingsProblems.length > 0) {
			// Keep the settings pending: they are sent with the edit that makes them valid.
			this.refreshing = false;
			return;
		}
		const patch = this.#pending;
		this.#pending = {};
		const edits = this.#edits;
		const run = (async () => {
			const result = await (await worker()).configure(id, patch);
			if (edits !== this.#edits) return;
			if (!result.ok) {
				this.error = result.errors[0] ?? null;
				this.refreshing = false;
				return;
			}
			this.#adoptConfigured(result.value);
			await this.#refresh(id, edits);
		})();
		this.#flushing = run;
		await run;
		if (this.#flushing === run) this.#flushing = null;
	}

	#adoptConfigured(view: ConfigureView): void {
		const { session } = view;
		this.configureView = view;
		this.draft = {
			encoding: session.encoding,
			delimiter: session.delimiter,
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
		const remote = await worker();
		const counted = this.#count(remote, id, edits);
		const preview = await remote.preview(id, PREVIEW_ROWS);
		if (this.#isCurrent(id, edits)) {
			this.refreshing = false;
			if (preview.ok) this.preview = preview.value;
			else this.error = preview.errors[0] ?? null;
		}
		await counted;
	}

	async #count(
		remote: Awaited<ReturnType<typeof worker>>,
		id: SessionId,
		edits: number
	): Promise<void> {
		const dryRun = await remote.dryRun(id);
		if (!this.#isCurrent(id, edits)) return;
		this.counting = false;
		if (dryRun.ok) this.dryRun = dryRun.value;
		// A newer count or the import itself replaced this one: not a problem to show.
		else if (dryRun.errors[0]?.code !== 'SUPERSEDED') this.error = dryRun.errors[0] ?? null;
	}

	#isCurrent(id: SessionId, edits: number): boolean {
		return edits === this.#edits && this.#loadedId === id;
	}

	/** Back to Upload: this file and its settings are dropped. */
	async chooseAnotherFile(id: SessionId): Promise<void> {
		clearTimeout(this.#timer);
		this.#pending = {};
		const result = await (await worker()).complete(id);
		if (!result.ok) {
			this.error = result.errors[0] ?? null;
			return;
		}
		this.#forgetConfigure();
	}

	#forgetConfigure(): void {
		this.#loadedId = null;
		this.configureView = null;
		this.draft = null;
		this.preview = null;
		this.dryRun = null;
		this.error = null;
	}

	// ——— Import ———

	/** Import: sends the last edits, asks once for notifications, then runs. */
	async startImport(id: SessionId): Promise<void> {
		askNotificationPermissionOnce();
		clearTimeout(this.#timer);
		await this.#flush();
		if (this.#flushing) await this.#flushing;
		if (!this.canImport || this.error) return;
		await this.#run(id);
	}

	async #run(id: SessionId): Promise<void> {
		if (this.#runningHere) return;
		this.#runningHere = id;
		this.#unrecordedStop = null;
		this.error = null;
		this.progress = null;
		this.cancelling = false;
		let problem: AppError | null = null;
		try {
			const onProgress = await proxied((progress) => {
				this.progress = progress;
			});
			const result = await (await worker()).start(id, onProgress);
			if (!result.ok) {
				// Another tab got the lock first: it runs the import, this tab just shows it.
				const refused = result.errors[0];
				if (refused && refused.code !== 'IMPORT_IN_PROGRESS') problem = refused;
			} else if (result.value.status === 'interrupted') {
				this.#unrecordedStop = result.value;
			}
		} catch (thrown) {
			problem = appError('UNEXPECTED', `The import stopped: ${String(thrown)}`);
		} finally {
			this.#runningHere = null;
			this.#forgetConfigure();
		}
		// After #forgetConfigure, which clears the Configure step's error.
		this.error = problem;
	}

	/** Resumes an interrupted run (the admin's choice). */
	async resume(id: SessionId): Promise<void> {
		await this.#run(id);
	}

	async cancel(id: SessionId): Promise<void> {
		this.cancelling = true;
		this.#cancelChoiceMade = null;
		await (await worker()).cancel(id);
	}

	/** After Cancel: keep what was imported and look at the results. */
	/** Accepts what a cancelled or interrupted run imported; an interrupted one becomes done. */
	async keepImported(id: SessionId): Promise<void> {
		this.#cancelChoiceMade = id;
		this.cancelling = false;
		if (this.#row?.session?.status !== 'interrupted') return;
		const result = await (await worker()).keep(id);
		if (!result.ok) this.error = result.errors[0] ?? null;
	}

	get isRunningHere(): boolean {
		return this.#runningHere !== null;
	}

	// ——— Results ———

	async undo(id: SessionId): Promise<void> {
		this.busy = 'undo';
		this.error = null;
		this.#cancelChoiceMade = id;
		this.cancelling = false;
		try {
			const result = await (await worker()).undo(id);
			if (!result.ok) this.error = result.errors[0] ?? null;
		} finally {
			this.busy = null;
		}
	}

	async download(id: SessionId, kind: ResultKind): Promise<void> {
		this.busy = kind;
		this.error = null;
		try {
			const result = await (await worker()).exportResults(id, kind);
			if (!result.ok) {
				this.error = result.errors[0] ?? null;
				return;
			}
			saveBlob(result.value.blob, result.value.fileName);
		} finally {
			this.busy = null;
		}
	}

	async complete(id: SessionId): Promise<boolean> {
		this.busy = 'complete';
		this.error = null;
		try {
			const result = await (await worker()).complete(id);
			if (!result.ok) {
				this.error = result.errors[0] ?? null;
				return false;
			}
			this.progress = null;
			this.#forgetConfigure();
			return true;
		} finally {
			this.busy = null;
		}
	}
}

/** Hands a file to the browser's downloads, named as the engine named it. */
export function saveBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// The download has the data once click() returns in every current browser; give it a moment.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The system notification permission is asked once, when the admin starts an import. */
function askNotificationPermissionOnce(): void {
	if (!('Notification' in window) || Notification.permission !== 'default') return;
	try {
		if (localStorage.getItem(NOTIFY_ASKED_KEY)) return;
		localStorage.setItem(NOTIFY_ASKED_KEY, String(Date.now()));
	} catch {
		// Storage refused (private mode): asking again next time is harmless.
	}
	// Not awaited: the import does not wait for the admin to answer the browser's prompt.
	void Notification.requestPermission().catch(() => undefined);
}

/** One wizard per tab, so a run keeps reporting while the admin visits other screens. */
export const importWizard = new ImportWizard();

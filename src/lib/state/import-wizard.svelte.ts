/**
 * The import wizard's state, one per tab. Which screen it shows is `wizardView` of the live
 * session row and this tab's few facts (./import-wizard-view.ts); Configure's draft, preview and
 * dry run are ./configure-draft.svelte.ts. What stays here are the commands of the other steps:
 * open a file, run, cancel, keep, undo, download the results, complete.
 */
import { readAppSettings } from '$lib/db/app-settings';
import { database } from '$lib/db/database';
import { isSiteLeaseRefusal } from '$lib/db/guard';
import { defaultValidity } from '$lib/domain/app-settings';
import type { ImportSession } from '$lib/domain/import-session';
import { todayIso } from '$lib/domain/dates';
import { appError, type AppError } from '$lib/domain/errors';
import type { ImportSettings } from '$lib/domain/import-settings';
import type { SessionId } from '$lib/domain/model';
import type { ImportProgress, ResultKind } from '$lib/import/api';
import { ConfigureDraft } from './configure-draft.svelte';
import { currentImport } from './current-import.svelte';
import { downloadBlob } from './downloads';
import { importWorker, progressProxy } from './import-worker';
import {
	currentStepOf,
	wizardView,
	type FileBeingRead,
	type StepKey,
	type WizardView
} from './import-wizard-view';
import { askNotificationPermissionOnce } from './notification-permission';
import { Problem } from './problem.svelte';
import { commandJob, completeJob, jobResultFile, startOnServer } from './server-import';
import { siteSession } from './site-session.svelte';

export class ImportWizard {
	readonly #problem = new Problem();
	readonly configure = new ConfigureDraft(this.#problem);

	/** The file being opened by this tab (Upload shows reading progress meanwhile). */
	#reading = $state<FileBeingRead | null>(null);
	/** Progress messages of the run this tab drives; other tabs go by the session's cursor. */
	progress = $state<ImportProgress | null>(null);
	/** The session this tab asked to stop, until the admin chose to keep or undo. */
	#cancelledHere = $state<SessionId | null>(null);
	/** A command in flight (undo, export, complete): its buttons wait. */
	busy = $state<'undo' | 'complete' | ResultKind | null>(null);
	#runningHere = $state<SessionId | null>(null);
	/** The file going up to the server for its import: bytes the server holds, and the size. */
	uploading = $state<{ received: number; size: number } | null>(null);
	#unrecordedStop = $state<ImportSession | null>(null);

	/** The last problem to show on the current step (role `alert`). */
	get error(): AppError | null {
		return this.#problem.error;
	}

	/** The session the wizard shows, live: this browser's, or the site's job on the server. */
	get session(): ImportSession | undefined {
		const view = this.view;
		return 'session' in view ? view.session : undefined;
	}

	get view(): WizardView {
		return wizardView(
			currentImport.loaded,
			currentImport.session,
			{
				reading: this.#reading,
				runningHere: this.#runningHere,
				unrecordedStop: this.#unrecordedStop,
				cancelledHere: this.#cancelledHere
			},
			currentImport.job
		);
	}

	/** The site's job on the server, when `id` is it (its commands go to the server). */
	#job(id: SessionId) {
		const job = currentImport.job;
		return job?.id === id ? job : undefined;
	}

	/** The step the stepper marks as current. */
	get currentStep(): StepKey | null {
		return currentStepOf(this.view);
	}

	get isRunningHere(): boolean {
		return this.#runningHere !== null;
	}

	/** True between Cancel and the run's stop: the Cancel button waits. */
	get cancelling(): boolean {
		return this.#cancelledHere !== null && this.session?.status === 'running';
	}

	// ——— Upload ———

	async open(file: File): Promise<void> {
		this.#problem.error = null;
		this.#reading = { fileName: file.name, fileSize: file.size };
		try {
			const db = database();
			const appDefaults = await readAppSettings(db);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never state
			const today = todayIso(new Date());
			const { startDate, endDate } = defaultValidity(appDefaults, today);
			const defaults: ImportSettings = {
				overwrite: 'keep',
				cardIdType: appDefaults.cardIdType,
				cardFormat: 'csn',
				startDate,
				endDate,
				dateFormat: appDefaults.dateFormat,
				headerRow: 1
			};
			const maxBytes = Math.round(appDefaults.maxCsvMb * 1024 * 1024);
			const result = await (await importWorker()).open(file, { maxBytes, defaults });
			if (!result.ok) {
				this.#problem.error =
					result.errors[0] ?? appError('UNEXPECTED', 'The file could not be read.');
				return;
			}
			this.configure.adopt(result.value);
		} catch (thrown) {
			this.#problem.error = appError('UNEXPECTED', `The file could not be read: ${String(thrown)}`);
		} finally {
			this.#reading = null;
		}
	}

	/** Back to Upload: this file and its settings are dropped. */
	async chooseAnotherFile(id: SessionId): Promise<void> {
		this.configure.discardPending();
		const result = await (await importWorker()).complete(id);
		if (!result.ok) {
			this.#problem.error = result.errors[0] ?? null;
			return;
		}
		this.configure.forget();
	}

	// ——— Import ———

	/** Import: sends the last edits, asks once for notifications, then runs. */
	async startImport(id: SessionId): Promise<void> {
		askNotificationPermissionOnce();
		// The answer to the last click, not a fault of the file: this click asks the site again.
		if (this.error && isSiteLeaseRefusal(this.error)) this.#problem.error = null;
		await this.configure.settle();
		if (!this.configure.canImport || this.error) return;
		const { importsRunOn } = await readAppSettings(database());
		if (importsRunOn === 'server') await this.#startOnServer(id);
		else await this.#run(id);
	}

	/**
	 * Uploads the file and has the server run its import (docs/architecture.md, "Imports on the
	 * server"). Once the server took the job, this browser's session is done with: the wizard of
	 * every admin shows the job. Refused, the file and its settings stay here for another try.
	 */
	async #startOnServer(id: SessionId): Promise<void> {
		const session = currentImport.session;
		if (this.uploading || session?.id !== id) return;
		if (siteSession.offline) {
			this.#problem.error = appError(
				'UNEXPECTED',
				'The import runs on the Roster server, which cannot be reached from here: connect, then click Import again. Your file and settings are kept.'
			);
			return;
		}
		this.#problem.error = null;
		this.uploading = { received: 0, size: session.fileSize };
		try {
			const started = await startOnServer(session, (received, size) => {
				this.uploading = { received, size };
			});
			if (!started.ok) {
				this.#problem.error = started.errors[0] ?? null;
				return;
			}
			this.progress = null;
			this.#cancelledHere = null;
			await this.chooseAnotherFile(id);
		} catch (thrown) {
			this.#problem.error = appError('UNEXPECTED', `The import did not start: ${String(thrown)}`);
		} finally {
			this.uploading = null;
		}
	}

	/** Runs the server's answer to a command on its job; a refusal is shown. */
	async #onServer(answer: Promise<{ ok: boolean; errors?: AppError[] }>): Promise<boolean> {
		const result = await answer;
		if (!result.ok) this.#problem.error = result.errors?.[0] ?? null;
		return result.ok;
	}

	async #run(id: SessionId): Promise<void> {
		if (this.#runningHere) return;
		this.#runningHere = id;
		this.#unrecordedStop = null;
		this.#problem.error = null;
		this.progress = null;
		this.#cancelledHere = null;
		let problem: AppError | null = null;
		try {
			const onProgress = await progressProxy((progress) => {
				this.progress = progress;
			});
			const result = await (await importWorker()).start(id, onProgress);
			if (!result.ok) {
				// Another tab got the lock first: it runs the import, this tab just shows it. A run
				// elsewhere on the site is another matter: the admin is told whose.
				const refused = result.errors[0];
				if (refused && (refused.code !== 'IMPORT_IN_PROGRESS' || isSiteLeaseRefusal(refused)))
					problem = refused;
			} else if (result.value.status === 'interrupted') {
				this.#unrecordedStop = result.value;
			}
		} catch (thrown) {
			problem = appError('UNEXPECTED', `The import stopped: ${String(thrown)}`);
		} finally {
			this.#runningHere = null;
			this.configure.forget();
		}
		// After forget(), which clears the Configure step's error.
		this.#problem.error = problem;
	}

	/** Resumes an interrupted run (the admin's choice). */
	async resume(id: SessionId): Promise<void> {
		this.#problem.error = null;
		if (this.#job(id)) await this.#onServer(commandJob(id, 'resume'));
		else await this.#run(id);
	}

	async cancel(id: SessionId): Promise<void> {
		this.#cancelledHere = id;
		if (this.#job(id)) await this.#onServer(commandJob(id, 'cancel'));
		else await (await importWorker()).cancel(id);
	}

	/** Accepts what a cancelled or interrupted run imported; an interrupted one becomes done. */
	async keepImported(id: SessionId): Promise<void> {
		this.#cancelledHere = null;
		if (this.session?.status !== 'interrupted') return;
		// On the server, an interrupted job kept is a cancelled one: what it imported stays.
		if (this.#job(id)) {
			await this.#onServer(commandJob(id, 'cancel'));
			return;
		}
		const result = await (await importWorker()).keep(id);
		if (!result.ok) this.#problem.error = result.errors[0] ?? null;
	}

	// ——— Results ———

	async undo(id: SessionId): Promise<void> {
		this.busy = 'undo';
		this.#problem.error = null;
		this.#cancelledHere = null;
		try {
			if (this.#job(id)) {
				await this.#onServer(commandJob(id, 'undo'));
				return;
			}
			const result = await (await importWorker()).undo(id);
			if (!result.ok) this.#problem.error = result.errors[0] ?? null;
		} finally {
			this.busy = null;
		}
	}

	async download(id: SessionId, kind: ResultKind): Promise<void> {
		this.busy = kind;
		this.#problem.error = null;
		try {
			const job = this.#job(id);
			const result = job
				? await jobResultFile(job, kind)
				: await (await importWorker()).exportResults(id, kind);
			if (!result.ok) {
				this.#problem.error = result.errors[0] ?? null;
				return;
			}
			downloadBlob(result.value.blob, result.value.fileName);
		} finally {
			this.busy = null;
		}
	}

	async complete(id: SessionId): Promise<boolean> {
		this.busy = 'complete';
		this.#problem.error = null;
		try {
			const result = this.#job(id)
				? await completeJob(id)
				: await (await importWorker()).complete(id);
			if (!result.ok) {
				this.#problem.error = result.errors[0] ?? null;
				return false;
			}
			this.progress = null;
			this.configure.forget();
			return true;
		} finally {
			this.busy = null;
		}
	}
}

/** One wizard per tab, so a run keeps reporting while the admin visits other screens. */
export const importWizard = new ImportWizard();

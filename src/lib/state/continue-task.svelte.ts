/**
 * The Continue Task of an import's results: bulk user images and bulk card issuing. The engine
 * (in the import worker) matches, resizes, stores and issues; this only sends the commands, keeps
 * their progress and reports for the screen, and marks the wizard step. One per tab, like the
 * wizard, so an upload goes on reporting while the admin visits another screen.
 */
import { readAppSettings } from '$lib/db/app-settings';
import { database } from '$lib/db/database';
import type { ImportSession, WizardStep } from '$lib/domain/import-session';
import { transition } from '$lib/domain/import-lifecycle';
import { appError, toAppError, type AppError } from '$lib/domain/errors';
import type { SessionId } from '$lib/domain/model';
import type { ImageReport, IssueSummary } from '$lib/import/api';

export interface UploadProgress {
	done: number;
	total: number;
}

/** The worker is loaded only when a task needs it. */
async function client() {
	return import('$lib/import/client');
}

/** What the guard says about running a task now: null when it may run, else why not. */
export function taskBlocker(
	session: ImportSession,
	holder: ImportSession | undefined,
	task: 'images' | 'cards'
): string | null {
	if (session.undone) return 'Nothing to do: Undo removed the users of this import.';
	if (holder) {
		if (holder.id === session.id && holder.status === 'issuing') {
			return task === 'cards'
				? 'Cards are being issued. Wait for it to finish.'
				: 'Cards are being issued; images can be added once that finishes.';
		}
		return `Import in progress (${holder.fileName}). Wait for it to finish.`;
	}
	if (task === 'cards') {
		const issuing = transition(session, 'issue-start');
		if (!issuing.ok) return issuing.errors[0]?.message ?? 'Cards can’t be issued now.';
	}
	return null;
}

export class ContinueTask {
	/** The import the figures below belong to; another import's figures are not shown. */
	sessionId = $state<SessionId | null>(null);
	uploading = $state(false);
	progress = $state<UploadProgress | null>(null);
	report = $state<ImageReport | null>(null);
	issuing = $state(false);
	summary = $state<IssueSummary | null>(null);
	/** The last problem to show (role `alert`). */
	error = $state<AppError | null>(null);

	/** True when the figures are those of `id`. */
	isFor(id: SessionId): boolean {
		return this.sessionId === id;
	}

	#adopt(id: SessionId): void {
		if (this.sessionId === id) return;
		this.sessionId = id;
		this.uploading = false;
		this.progress = null;
		this.report = null;
		this.issuing = false;
		this.summary = null;
		this.error = null;
	}

	/** Marks the stepper: the admin works in Continue Task (`continue`) or looks at the results. */
	async goTo(id: SessionId, step: Extract<WizardStep, 'results' | 'continue'>): Promise<void> {
		try {
			await database().importSessions.update(id, { step });
		} catch (thrown) {
			this.#adopt(id);
			this.error = toAppError(thrown);
		}
	}

	/** Matches the files to this import's users by name and stores them resized. */
	async attachImages(id: SessionId, files: readonly File[]): Promise<void> {
		if (files.length === 0 || (this.isFor(id) && this.uploading)) return;
		this.#adopt(id);
		this.error = null;
		this.report = null;
		this.uploading = true;
		this.progress = { done: 0, total: files.length };
		try {
			await this.goTo(id, 'continue');
			const { maxImageMb } = await readAppSettings(database());
			const maxBytes = Math.round(maxImageMb * 1024 * 1024);
			const { importWorker, progressCallback } = await client();
			const onProgress = progressCallback((done: number, total: number) => {
				if (this.isFor(id)) this.progress = { done, total };
			});
			const result = await importWorker().attachImages(id, [...files], maxBytes, onProgress);
			if (!this.isFor(id)) return;
			if (result.ok) this.report = result.value;
			else this.error = result.errors[0] ?? appError('UNEXPECTED', 'The images were not stored.');
		} catch (thrown) {
			if (this.isFor(id)) this.error = toAppError(thrown);
		} finally {
			if (this.isFor(id)) this.uploading = false;
		}
	}

	/** Issues the registered cards of this import's users (the engine holds the lock). */
	async issueCards(id: SessionId): Promise<void> {
		if (this.isFor(id) && this.issuing) return;
		this.#adopt(id);
		this.error = null;
		this.issuing = true;
		try {
			await this.goTo(id, 'continue');
			const { importWorker } = await client();
			const result = await importWorker().issueCards(id);
			if (!this.isFor(id)) return;
			if (result.ok) this.summary = result.value;
			else this.error = result.errors[0] ?? appError('UNEXPECTED', 'The cards were not issued.');
		} catch (thrown) {
			if (this.isFor(id)) this.error = toAppError(thrown);
		} finally {
			if (this.isFor(id)) this.issuing = false;
		}
	}
}

export const continueTask = new ContinueTask();

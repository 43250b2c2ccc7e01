import { backupFileName, inspectBackup, type BackupSummary } from '$lib/db/backup';
import { database } from '$lib/db/database';
import { exportUsersCsv } from '$lib/db/user-export';
import {
	DEFAULT_APP_SETTINGS,
	validateAppSettings,
	type AppSettings,
	type ImportsRunOn,
	type ValidityPeriod
} from '$lib/domain/app-settings';
import { today } from '$lib/domain/dates';
import { ERASE_CONFIRMATION } from '$lib/domain/erase';
import { toAppError, type AppError } from '$lib/domain/errors';
import type { CardIdType, DateFormat, IsoDate } from '$lib/domain/model';
import { APP_SETTINGS_KEY } from '$lib/domain/settings-keys';
import { exportFileName } from '$lib/domain/user-export';
import { downloadSiteBackup, eraseSite, restoreSiteBackup } from './site-backup';
import { sendSiteWrite } from './site-writes';
import type { SiteWrite } from './user-form.svelte';

/**
 * The defaults form: values as typed, saved as one setting of the site (every admin's import
 * starts from them), checked here first and again by the server.
 */
export class DefaultsEditor {
	cardIdType = $state<CardIdType>('decimal');
	validityKind = $state<ValidityPeriod['kind']>('length');
	years = $state(1);
	months = $state(0);
	endDate = $state('');
	dateFormat = $state<DateFormat>('YYYY-MM-DD');
	maxCsvMb = $state(5);
	maxImageMb = $state(1);
	maxCardsPerUser = $state(8);
	importsRunOn = $state<ImportsRunOn>(DEFAULT_APP_SETTINGS.importsRunOn);
	failure = $state<AppError | null>(null);
	savedAt = $state<number | null>(null);
	/** The last save could not reach the server: it waits in the outbox, to be sent later. */
	queued = $state(false);

	constructor(
		settings: AppSettings = DEFAULT_APP_SETTINGS,
		private readonly send: SiteWrite = sendSiteWrite
	) {
		this.load(settings);
	}

	load(s: AppSettings): void {
		this.cardIdType = s.cardIdType;
		this.validityKind = s.validity.kind;
		if (s.validity.kind === 'length') {
			this.years = s.validity.years;
			this.months = s.validity.months;
		} else {
			this.endDate = s.validity.endDate;
		}
		this.dateFormat = s.dateFormat;
		this.maxCsvMb = s.maxCsvMb;
		this.maxImageMb = s.maxImageMb;
		this.maxCardsPerUser = s.maxCardsPerUser;
		this.importsRunOn = s.importsRunOn;
	}

	get value(): AppSettings {
		const validity: ValidityPeriod =
			this.validityKind === 'length'
				? { kind: 'length', years: Number(this.years), months: Number(this.months) }
				: { kind: 'until', endDate: this.endDate as IsoDate };
		return {
			cardIdType: this.cardIdType,
			validity,
			dateFormat: this.dateFormat,
			maxCsvMb: Number(this.maxCsvMb),
			maxImageMb: Number(this.maxImageMb),
			maxCardsPerUser: Number(this.maxCardsPerUser),
			importsRunOn: this.importsRunOn
		};
	}

	async save(): Promise<boolean> {
		this.failure = null;
		this.savedAt = null;
		const value = this.value;
		const checked = validateAppSettings(value);
		if (!checked.ok) {
			this.failure = { code: 'INVALID_INPUT', message: checked.errors.join('; ') };
			return false;
		}
		const answer = await this.send({ type: 'setting.put', key: APP_SETTINGS_KEY, value });
		if (answer.status === 'refused') {
			this.failure = answer.error;
			return false;
		}
		this.queued = answer.status === 'queued';
		this.savedAt = Date.now();
		return true;
	}
}

export type DataTask = 'backup' | 'restore' | 'export' | 'erase';

/** Back up, restore, export and erase: one task at a time, each with its outcome. */
export class DataTools {
	busy = $state<DataTask | null>(null);
	failure = $state<AppError | null>(null);
	done = $state<string | null>(null);
	/** A backup file that passed inspection and waits for the admin's confirmation. */
	pendingRestore = $state<{ file: File; summary: BackupSummary } | null>(null);
	eraseWord = $state('');

	get eraseConfirmed(): boolean {
		return this.eraseWord.trim() === ERASE_CONFIRMATION;
	}

	async #task<T>(task: DataTask, work: () => Promise<T>): Promise<T | null> {
		this.busy = task;
		this.failure = null;
		this.done = null;
		try {
			return await work();
		} catch (thrown) {
			this.failure = toAppError(thrown);
			return null;
		} finally {
			this.busy = null;
		}
	}

	/**
	 * Back up, restore and erase are the site server's (state/site-backup.ts): the file is the
	 * whole site as the server holds it, and a restore or an erase reaches every admin's replica
	 * through the feed. The server takes the backup as one snapshot, so no lock is needed here.
	 */
	async backUp(): Promise<{ blob: Blob; fileName: string } | null> {
		return this.#task('backup', async () => {
			const result = await downloadSiteBackup();
			if (!result.ok) {
				this.failure = result.errors[0] ?? null;
				return null;
			}
			this.done = 'Backup saved.';
			return { blob: result.value, fileName: backupFileName(today()) };
		});
	}

	/** Checks the file here first, for its counts and a quick refusal; the server checks again. */
	async chooseRestore(file: File): Promise<void> {
		this.pendingRestore = null;
		await this.#task('restore', async () => {
			const inspected = await inspectBackup(database(), file);
			if (!inspected.ok) this.failure = inspected.errors[0] ?? null;
			else this.pendingRestore = { file, summary: inspected.value };
		});
	}

	cancelRestore(): void {
		this.pendingRestore = null;
	}

	async confirmRestore(): Promise<void> {
		const pending = this.pendingRestore;
		if (!pending) return;
		await this.#task('restore', async () => {
			const result = await restoreSiteBackup(pending.file);
			if (!result.ok) {
				this.failure = result.errors[0] ?? null;
				return;
			}
			this.pendingRestore = null;
			const { users = 0, cards = 0 } = result.value.restored;
			this.done = `Restored ${pending.file.name}: ${users} users and ${cards} cards.`;
		});
	}

	async exportUsers(): Promise<{ blob: Blob; fileName: string } | null> {
		return this.#task('export', async () => {
			const blob = await exportUsersCsv(database());
			this.done = 'Users exported.';
			return { blob, fileName: exportFileName(today()) };
		});
	}

	async erase(): Promise<void> {
		if (!this.eraseConfirmed) return;
		await this.#task('erase', async () => {
			const result = await eraseSite(this.eraseWord.trim());
			if (!result.ok) {
				this.failure = result.errors[0] ?? null;
				return;
			}
			this.eraseWord = '';
			this.done = 'All data erased.';
		});
	}
}

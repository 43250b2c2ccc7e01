import { readAppSettings } from '$lib/db/app-settings';
import { database } from '$lib/db/database';
import { findUserConflicts } from '$lib/db/repositories/conflicts';
import { highestNumberedUserId } from '$lib/db/repositories/users';
import { imagePutOf } from '$lib/db/repositories/images';
import type { AppError, ErrorCode } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import {
	USER_FORM_FIELDS,
	changedFormFields,
	emptyUserForm,
	nextUserId,
	uniqueFormKeys,
	userFormValues,
	validateUserForm,
	type FieldErrors,
	type UserFormField,
	type UserFormValues,
	withCurrentValues
} from '$lib/domain/user-form';
import { resizeImage } from '$lib/images/resize';
import type { MutationBody } from '$lib/domain/mutations';
import { sendSiteWrite, type MutateAnswer } from './site-writes';

/** How a form's write reaches the site: through the outbox (tests give their own). */
export type SiteWrite = (body: MutationBody) => Promise<MutateAnswer>;

/** A refusal that is about one field is shown next to that field. */
const FIELD_OF: Partial<Record<ErrorCode, UserFormField>> = {
	DUPLICATE_USER_ID: 'userId',
	DUPLICATE_EMAIL: 'email',
	DUPLICATE_PHONE: 'phone'
};

/** The user changed in a field of the form since the form was opened: the values now stored. */
export interface ChangedMeanwhile {
	current: User;
	/** The fields of the form that differ between the version edited and `current`. */
	fields: UserFormField[];
}

/** The user form: what is typed, the messages per field, and saving through the repositories. */
export class UserForm {
	values = $state<UserFormValues>(emptyUserForm());
	errors = $state<FieldErrors<UserFormField>>({});
	/** A refusal not tied to one field (import in progress, storage full…). */
	failure = $state<AppError | null>(null);
	/**
	 * Set when the stored user changed in a field of the form since it was opened (seen live, or
	 * by a refused save), until the admin loads the current values.
	 */
	conflict = $state<ChangedMeanwhile | null>(null);
	saving = $state(false);
	/** For a new user: the ID a blank User ID would get (null when none is free). */
	nextId = $state<UserId | null>(null);
	savedAt = $state<number | null>(null);
	/** The last save could not reach the server: it waits in the outbox, to be sent later. */
	queued = $state(false);
	/** The version of the user being edited (a save carries it) and its values as loaded. */
	#edited: User | undefined;
	#loaded: UserFormValues = emptyUserForm();

	/** `existing`: the user being edited; undefined for a new user. */
	constructor(
		readonly existing?: User,
		private readonly send: SiteWrite = sendSiteWrite
	) {
		if (existing) this.#edit(existing);
		this.values = { ...this.#loaded };
	}

	get isNew(): boolean {
		return this.existing === undefined;
	}

	/** The ID a new user saved with a blank User ID would get now, for the hint. */
	async findNextId(): Promise<void> {
		if (this.isNew) this.nextId = nextUserId(await highestNumberedUserId(database()));
	}

	/**
	 * Saves and returns the stored user, or null with the messages set: every field at fault at
	 * once, the rules and the uniqueness against other users together.
	 */
	async save(): Promise<User | null> {
		this.failure = null;
		this.savedAt = null;
		const db = database();
		if (this.isNew) await this.findNextId();
		const checked = validateUserForm(this.values, this.isNew ? this.nextId : null);
		// Every value another user holds, as far as the replica knows, at once: the server, which
		// has the last word on a race, names only the first it meets.
		const conflicts = await findUserConflicts(db, uniqueFormKeys(this.values), this.existing?.id);
		if (!checked.ok || conflicts.length > 0) {
			this.errors = { ...this.#fieldErrors(conflicts), ...(checked.ok ? {} : checked.errors[0]) };
			return null;
		}
		this.errors = {};
		this.saving = true;
		try {
			const values = $state.snapshot(this.values);
			const answer = await this.send(
				this.#edited
					? {
							type: 'user.update',
							userId: this.#edited.id,
							baseVersion: this.#edited.version ?? 0,
							values
						}
					: { type: 'user.create', values }
			);
			if (answer.status === 'refused') {
				this.#show(answer.error);
				return null;
			}
			this.queued = answer.status === 'queued';
			// Queued: the replica already holds the change (unless the server is to number the
			// user, which only its answer can tell).
			const id = this.#edited?.id ?? checked.value.id;
			const saved = answer.status === 'applied' ? answer.user : await db.users.get(id);
			this.savedAt = Date.now();
			this.conflict = null;
			if (saved && this.#edited) this.#edit(saved);
			return saved ?? null;
		} finally {
			this.saving = false;
		}
	}

	/**
	 * Brings the admin back to a save the server refused after it had waited offline: what they
	 * typed, and the refusal's messages, as if they had just pressed Save.
	 */
	restore(values: UserFormValues, error: AppError): void {
		this.values = { ...values };
		this.queued = false;
		this.savedAt = null;
		this.#show(error);
	}

	/**
	 * After a change meanwhile: edits the current version from now on. Fields the admin did not
	 * touch take the current values; what they typed stays, to be checked and saved again.
	 */
	loadCurrent(): void {
		if (!this.conflict) return;
		const current = this.conflict.current;
		const typed = $state.snapshot(this.values);
		const loaded = this.#loaded;
		this.#edit(current);
		this.values = withCurrentValues(typed, loaded, this.#loaded);
		this.conflict = null;
		this.failure = null;
	}

	/**
	 * The stored user as it is now (live, from any tab). A form nobody typed in follows it; a
	 * newer version that differs from what was typed in a field of the form is shown as a
	 * conflict at once, before a save would be refused for it.
	 */
	observe(current: User): void {
		const edited = this.#edited;
		if (!edited || this.saving || current.updatedAt === edited.updatedAt) return;
		const now = userFormValues(current);
		const typed = $state.snapshot(this.values);
		const untouched = USER_FORM_FIELDS.every((key) => typed[key] === this.#loaded[key]);
		const same = USER_FORM_FIELDS.every((key) => typed[key] === now[key]);
		const fields = changedFormFields(edited, current);
		if (untouched || same || fields.length === 0) {
			this.#edit(current);
			this.values = untouched ? now : typed;
			this.conflict = null;
		} else {
			this.conflict = { current, fields };
		}
	}

	#edit(user: User): void {
		this.#edited = user;
		this.#loaded = userFormValues(user);
	}

	/** Each refusal about one field (a duplicate) as that field's message. */
	#fieldErrors(errors: readonly AppError[]): FieldErrors<UserFormField> {
		const byField: FieldErrors<UserFormField> = {};
		for (const error of errors) {
			const field = FIELD_OF[error.code];
			if (field) byField[field] = error.message;
		}
		return byField;
	}

	/** A refusal of the server: next to its field, as a change meanwhile, or above the form. */
	#show(error: AppError): void {
		const detail = error.detail as Record<string, unknown> | undefined;
		if (this.#edited && error.code === 'CHANGED_MEANWHILE' && isUser(detail?.current)) {
			const current = detail.current;
			this.conflict = { current, fields: changedFormFields(this.#edited, current) };
		}
		const fields = detail?.fields;
		// The server judges by the same rules: every field's message, as the form's own check.
		const byField =
			error.code === 'INVALID_INPUT' && typeof fields === 'object' && fields !== null
				? (fields as FieldErrors<UserFormField>)
				: null;
		this.errors = byField ?? this.#fieldErrors([error]);
		this.failure = byField || FIELD_OF[error.code] ? null : error;
	}
}

const isUser = (value: unknown): value is User =>
	typeof value === 'object' && value !== null && typeof (value as User).id === 'string';

/** Deleting a user (with their cards and image) after a confirmation step. */
export class UserDeletion {
	confirming = $state(false);
	busy = $state(false);
	failure = $state<AppError | null>(null);

	constructor(
		readonly userId: UserId,
		private readonly send: SiteWrite = sendSiteWrite
	) {}

	/** True once deleted, or queued to be (the replica no longer shows the user). */
	async confirm(): Promise<boolean> {
		this.busy = true;
		this.failure = null;
		try {
			const answer = await this.send({ type: 'user.delete', userId: this.userId });
			if (answer.status !== 'refused') return true;
			this.failure = answer.error;
			return false;
		} finally {
			this.busy = false;
		}
	}
}

/**
 * The user's image: resized in a worker whatever its file size (held to the Maximum image size
 * setting), then sent to the site as an `image.put` through the outbox, which shows it here at
 * once; a refusal puts the earlier photo back and is shown.
 */
export class UserImageEditor {
	busy = $state(false);
	failure = $state<AppError | null>(null);

	constructor(
		readonly userId: UserId,
		private readonly send: SiteWrite = sendSiteWrite
	) {}

	async upload(file: File): Promise<void> {
		await this.#write(async () => {
			const { maxImageMb } = await readAppSettings(database());
			const resized = await resizeImage(file, `"${file.name}"`, maxImageMb * 1024 * 1024);
			if (!resized.ok) return resized.errors[0] ?? null;
			return this.#refusalOf(await imagePutOf(this.userId, resized.value));
		});
	}

	async remove(): Promise<void> {
		await this.#write(() => this.#refusalOf({ type: 'image.remove', userId: this.userId }));
	}

	async #refusalOf(body: MutationBody): Promise<AppError | null> {
		const answer = await this.send(body);
		return answer.status === 'refused' ? answer.error : null;
	}

	async #write(work: () => Promise<AppError | null>): Promise<void> {
		this.busy = true;
		this.failure = null;
		try {
			this.failure = await work();
		} finally {
			this.busy = false;
		}
	}
}

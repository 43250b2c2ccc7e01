import { readAppSettings } from '$lib/db/app-settings';
import { database } from '$lib/db/database';
import { createUser, deleteUser, updateUser } from '$lib/db/repositories/users';
import { removeUserImage, setUserImage } from '$lib/db/repositories/images';
import type { AppError, ErrorCode } from '$lib/domain/errors';
import type { User, UserId } from '$lib/domain/model';
import {
	emptyUserForm,
	manualUserId,
	userFormValues,
	validateUserForm,
	type FieldErrors,
	type UserFormField,
	type UserFormValues
} from '$lib/domain/user-form';
import { resizeImage } from '$lib/images/resize';

/** A refusal that is about one field is shown next to that field. */
const FIELD_OF: Partial<Record<ErrorCode, UserFormField>> = {
	DUPLICATE_USER_ID: 'userId',
	DUPLICATE_EMAIL: 'email',
	DUPLICATE_PHONE: 'phone'
};

/** The user form: what is typed, the messages per field, and saving through the repositories. */
export class UserForm {
	values = $state<UserFormValues>(emptyUserForm());
	errors = $state<FieldErrors<UserFormField>>({});
	/** A refusal not tied to one field (import in progress, storage full…). */
	failure = $state<AppError | null>(null);
	saving = $state(false);
	savedAt = $state<number | null>(null);

	/** `existing`: the user being edited; undefined for a new user. */
	constructor(readonly existing?: User) {
		if (existing) this.values = userFormValues(existing);
	}

	get isNew(): boolean {
		return this.existing === undefined;
	}

	/** Saves and returns the stored user, or null with the messages set. */
	async save(): Promise<User | null> {
		this.failure = null;
		this.savedAt = null;
		const checked = validateUserForm(this.values, () => manualUserId(Date.now()));
		if (!checked.ok) {
			this.errors = checked.errors[0] ?? {};
			return null;
		}
		this.errors = {};
		this.saving = true;
		try {
			const db = database();
			const input = checked.value;
			const result = this.existing
				? await updateUser(db, this.existing.id, input)
				: await createUser(db, input);
			if (result.ok) {
				this.savedAt = Date.now();
				return result.value;
			}
			this.#show(result.errors[0]);
			return null;
		} finally {
			this.saving = false;
		}
	}

	#show(error: AppError | undefined): void {
		if (!error) return;
		const field = FIELD_OF[error.code];
		if (field) this.errors = { [field]: error.message };
		else this.failure = error;
	}
}

/** Deleting a user (with their cards and image) after a confirmation step. */
export class UserDeletion {
	confirming = $state(false);
	busy = $state(false);
	failure = $state<AppError | null>(null);

	constructor(readonly userId: UserId) {}

	async confirm(): Promise<boolean> {
		this.busy = true;
		this.failure = null;
		try {
			const result = await deleteUser(database(), this.userId);
			if (result.ok) return true;
			this.failure = result.errors[0] ?? null;
			return false;
		} finally {
			this.busy = false;
		}
	}
}

/**
 * The user's image: resized in a worker whatever its file size, then stored through the guarded
 * repository; the resized image is held to the Maximum image size setting.
 */
export class UserImageEditor {
	busy = $state(false);
	failure = $state<AppError | null>(null);

	constructor(readonly userId: UserId) {}

	async upload(file: File): Promise<void> {
		this.busy = true;
		this.failure = null;
		try {
			const { maxImageMb } = await readAppSettings(database());
			const resized = await resizeImage(file, `"${file.name}"`, maxImageMb * 1024 * 1024);
			if (!resized.ok) {
				this.failure = resized.errors[0] ?? null;
				return;
			}
			const stored = await setUserImage(database(), this.userId, resized.value);
			if (!stored.ok) this.failure = stored.errors[0] ?? null;
		} finally {
			this.busy = false;
		}
	}

	async remove(): Promise<void> {
		this.busy = true;
		this.failure = null;
		try {
			const result = await removeUserImage(database(), this.userId);
			if (!result.ok) this.failure = result.errors[0] ?? null;
		} finally {
			this.busy = false;
		}
	}
}

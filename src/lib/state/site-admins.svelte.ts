import { apiFetch, type ApiError, type ApiResult } from './api';
import type { SiteAdmin } from './site-session.svelte';

/** An admin as the owner's list shows them (server/routes/admins.ts). */
export interface ListedAdmin extends SiteAdmin {
	disabled: boolean;
}

export interface NewAdminInput {
	name: string;
	email: string;
	password: string;
	owner: boolean;
}

/** The owner's view of the site's admins: the list, adding, disabling and removing. */
export class SiteAdmins {
	admins = $state<ListedAdmin[]>([]);
	loaded = $state(false);
	busy = $state(false);
	error = $state<ApiError | null>(null);

	async load(): Promise<void> {
		const result = await apiFetch<{ admins: ListedAdmin[] }>('/admins');
		if (!result.ok) {
			this.error = result.errors[0];
			return;
		}
		this.admins = result.value.admins;
		this.loaded = true;
	}

	/** True when the admin was added, so the form can be cleared. */
	add(input: NewAdminInput): Promise<boolean> {
		return this.#change(() => apiFetch('/admins', { method: 'POST', json: input }));
	}

	setDisabled(id: string, disabled: boolean): Promise<boolean> {
		return this.#change(() => apiFetch(`/admins/${id}`, { method: 'PATCH', json: { disabled } }));
	}

	remove(id: string): Promise<boolean> {
		return this.#change(() => apiFetch(`/admins/${id}`, { method: 'DELETE' }));
	}

	async #change(request: () => Promise<ApiResult<unknown>>): Promise<boolean> {
		this.busy = true;
		this.error = null;
		const result = await request();
		if (result.ok) await this.load();
		else this.error = result.errors[0];
		this.busy = false;
		return result.ok;
	}
}

import { database } from '$lib/db/database';
import { defaultValidity, type AppSettings } from '$lib/domain/app-settings';
import type { CardChanges } from '$lib/domain/card-changes';
import type { CardUpdate } from '$lib/domain/mutations';
import { showCardNumber } from '$lib/domain/card-number';
import { today } from '$lib/domain/dates';
import { describeUser } from '$lib/domain/user-conflicts';
import type { AppError } from '$lib/domain/errors';
import type {
	Card,
	CardFormat,
	CardIdType,
	CardNumber,
	CardStatus,
	UserId
} from '$lib/domain/model';
import {
	validateCardForm,
	validateValidity,
	type CardFormField,
	type FieldErrors
} from '$lib/domain/user-form';
import { fail, ok, type Result } from '$lib/domain/result';
import { sendSiteWrite, type MutateAnswer } from './site-writes';
import type { SiteWrite } from './user-form.svelte';

/**
 * What removing a card does, said before the admin confirms. `deleteCard` deletes the record: no
 * trace of the card stays in Roster, and its number is free to be registered to anyone.
 */
export function removalWarning(status: CardStatus, shown: string): string {
	const gone = 'Removing it deletes it from Roster';
	switch (status) {
		case 'issued':
			return `Card ${shown} is issued. ${gone}: nothing here will show that it was issued, and its number can be registered to someone else. If the card is still in someone's hands, revoke it instead: a revoked card stays on record as no longer valid.`;
		case 'revoked':
			return `Card ${shown} is revoked. ${gone} together with the record that it was revoked, and its number can be registered to someone else.`;
		case 'registered':
			return `Card ${shown} is registered and not issued. ${gone}, and its number can be registered again.`;
	}
}

/** The user's cards: registering a new one, and issuing, revoking, re-dating or removing each. */
export class UserCards {
	format = $state<CardFormat>('csn');
	number = $state('');
	type = $state<CardIdType>('decimal');
	facilityCode = $state('');
	cardNumber = $state('');
	validFrom = $state('');
	validTo = $state('');
	errors = $state<FieldErrors<CardFormField>>({});
	failure = $state<AppError | null>(null);
	busy = $state(false);
	/**
	 * The card whose validity is being edited, as it was when the admin began (the save is judged
	 * against that version), with the dates as typed.
	 */
	editing = $state<{ card: Card; validFrom: string; validTo: string } | null>(null);
	editErrors = $state<FieldErrors<'validFrom' | 'validTo'>>({});
	/** The card the admin asked to remove, until they confirm or go back. */
	removing = $state<Card | null>(null);
	/** What resetForm last filled in, to tell a form typed in from one left as it was. */
	#defaults: { type: CardIdType; validFrom: string; validTo: string } = {
		type: 'decimal',
		validFrom: '',
		validTo: ''
	};

	constructor(
		readonly userId: UserId,
		settings: AppSettings,
		private readonly send: SiteWrite = sendSiteWrite
	) {
		this.resetForm(settings);
	}

	/** Card ID type and validity from the admin's defaults; the card format stays as chosen. */
	resetForm(settings: AppSettings): void {
		const { startDate, endDate } = defaultValidity(settings, today());
		this.number = '';
		this.facilityCode = '';
		this.cardNumber = '';
		this.type = settings.cardIdType;
		this.validFrom = startDate;
		this.validTo = endDate;
		this.errors = {};
		this.#defaults = { type: this.type, validFrom: startDate, validTo: endDate };
	}

	/**
	 * The admin's defaults as they are now (they load after the page opens, or change in another
	 * tab): a register form nobody typed in takes them, one the admin typed in keeps its input.
	 * The page follows them here rather than building a new editor, which would drop the dates
	 * form and its message.
	 */
	followDefaults(settings: AppSettings): void {
		const d = this.#defaults;
		const untouched =
			this.number === '' &&
			this.facilityCode === '' &&
			this.cardNumber === '' &&
			this.type === d.type &&
			this.validFrom === d.validFrom &&
			this.validTo === d.validTo;
		if (untouched) this.resetForm(settings);
	}

	async register(settings: AppSettings): Promise<boolean> {
		this.failure = null;
		const checked = validateCardForm({
			format: this.format,
			number: this.number,
			type: this.type,
			facilityCode: this.facilityCode,
			cardNumber: this.cardNumber,
			validFrom: this.validFrom,
			validTo: this.validTo
		});
		if (!checked.ok) {
			this.errors = checked.errors[0] ?? {};
			return false;
		}
		this.errors = {};
		if (this.format !== 'csn') {
			// The form mutation takes CSNs only; a Wiegand card goes as the record itself, which the
			// server judges by the stored-card rules (format, parts and bits agree).
			const now = Date.now();
			const wiegand: Card = {
				...checked.value,
				userId: this.userId,
				status: 'registered',
				createdAt: now,
				updatedAt: now
			};
			const result = await this.#run(async () => {
				const held = await database().cards.get(wiegand.number);
				const holder = held && (await database().users.get(held.userId));
				if (held)
					return fail<AppError>({
						code: 'DUPLICATE_CARD',
						message: `Card ${showCardNumber(wiegand)} is already registered to ${holder ? describeUser(holder) : `user ${held.userId}`}.`
					});
				const answer = await this.send({
					type: 'records.write',
					source: 'a card registered on the user page',
					users: [],
					cards: [wiegand],
					removeUsers: [],
					removeCards: []
				});
				return cardOf(answer, wiegand.number, wiegand);
			});
			if (!result) return false;
			this.resetForm(settings);
			return true;
		}
		const card = {
			number: this.number,
			type: this.type,
			validFrom: this.validFrom,
			validTo: this.validTo
		};
		const result = await this.#run(async () =>
			cardOf(await this.send({ type: 'card.add', userId: this.userId, card }), checked.value.number)
		);
		if (!result) return false;
		this.resetForm(settings);
		return true;
	}

	issue(card: Card): Promise<Card | null> {
		return this.#change(card, { status: 'issued' });
	}

	revoke(card: Card): Promise<Card | null> {
		return this.#change(card, { status: 'revoked' });
	}

	/** Remove card asks first: the dialog shows `removing` until confirmed or dismissed. */
	askToRemove(card: Card): void {
		this.failure = null;
		this.removing = card;
	}

	/** Removes the card asked about; true when it is gone. */
	async confirmRemoval(): Promise<boolean> {
		const card = this.removing;
		if (!card) return false;
		this.removing = null;
		return (
			(await this.#run(async () =>
				cardOf(await this.send({ type: 'card.remove', number: card.number }), card.number, card)
			)) !== null
		);
	}

	startEditing(card: Card): void {
		this.editErrors = {};
		this.editing = { card, validFrom: card.validFrom, validTo: card.validTo };
	}

	async saveValidity(): Promise<void> {
		const editing = this.editing;
		if (!editing) return;
		const checked = validateValidity(editing.validFrom, editing.validTo);
		if (!checked.ok) {
			this.editErrors = checked.errors[0] ?? {};
			return;
		}
		if (await this.#change(editing.card, checked.value)) this.editing = null;
		else this.#rebase();
	}

	/**
	 * Brings the admin back to a change the server refused after it had waited offline: the
	 * refusal's message and, for new dates, the form open on the card with the dates they typed.
	 */
	async takeBack({ number, changes }: CardUpdate, error: AppError): Promise<void> {
		const card = await database().cards.get(number as CardNumber);
		if (card && (changes.validFrom !== undefined || changes.validTo !== undefined))
			this.editing = {
				card,
				validFrom: changes.validFrom ?? card.validFrom,
				validTo: changes.validTo ?? card.validTo
			};
		this.failure = error;
		this.#rebase();
	}

	/**
	 * After a refusal for a change meanwhile the dates form edits the card as it is now: what the
	 * admin typed stays, and saving again is their decision, made seeing the message.
	 */
	#rebase(): void {
		const current = (this.failure?.detail as { current?: Card } | undefined)?.current;
		if (this.failure?.code === 'CHANGED_MEANWHILE' && current && this.editing)
			this.editing = { ...this.editing, card: current };
	}

	#change(card: Card, changes: CardChanges): Promise<Card | null> {
		return this.#run(async () => {
			const answer = await this.send({
				type: 'card.update',
				userId: this.userId,
				number: card.number,
				baseVersion: card.version ?? 0,
				changes
			});
			return cardOf(answer, card.number);
		});
	}

	async #run(write: () => Promise<Result<Card, AppError>>): Promise<Card | null> {
		this.busy = true;
		this.failure = null;
		try {
			const result = await write();
			if (result.ok) return result.value;
			const error = result.errors[0] ?? null;
			if (error?.code === 'DUPLICATE_CARD') this.errors = { number: error.message };
			else this.failure = error;
			return null;
		} finally {
			this.busy = false;
		}
	}
}

/**
 * A card mutation's answer as a Result: the server's card, or the replica's for one queued (the
 * outbox applied it already; `known` for a removed one, which the replica no longer holds).
 */
async function cardOf(
	answer: MutateAnswer,
	number: CardNumber,
	known?: Card
): Promise<Result<Card, AppError>> {
	if (answer.status === 'refused') return fail(answer.error);
	const card = answer.status === 'applied' ? answer.card : undefined;
	const stored = card ?? known ?? (await database().cards.get(number));
	return stored ? ok(stored) : fail({ code: 'NOT_FOUND', message: `There is no card ${number}.` });
}

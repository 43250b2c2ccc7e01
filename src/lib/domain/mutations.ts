/**
 * A write from a browser to the site server: its own id (a retry sends the same one, and the
 * server answers it with the first answer) and what to do. Shared by the server, which judges and
 * applies it, and the browser's outbox, which applies it to the replica at once and sends it.
 */
import type { CardFormValues, UserFormValues } from './user-form';

export type MutationId = string;

export type MutationBody =
	| { type: 'user.create'; values: UserFormValues }
	| { type: 'user.update'; userId: string; baseVersion: number; values: UserFormValues }
	| { type: 'user.delete'; userId: string }
	| { type: 'card.add'; userId: string; card: CardFormValues }
	| { type: 'card.remove'; number: string };

export type Mutation = { id: MutationId } & MutationBody;

export type MutationType = Mutation['type'];

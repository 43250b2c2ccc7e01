/**
 * The import's chunk loop, shared by the browser's worker (IndexedDB) and the site server
 * (PostgreSQL) through the storage port of domain/import-store.ts (docs/architecture.md,
 * "Imports on the server"): the file is read, every row judged in file order, each chunk decided
 * against what the store holds and committed with its cursor in one transaction.
 */
import { InFileDuplicates } from '../../domain/in-file-duplicates';
import { addCounters, type ImportCounters, type ImportSession } from '../../domain/import-session';
import type { ImportStore, LookupKeys } from '../../domain/import-store';
import { lookupKeys, planChunk, succeededFields } from './chunk-plan';
import { earlyAnswerHolds, mayLookUpEarly, touchedBy, type TouchedKeys } from './early-lookup';
import { judgeRows } from './judge-rows';
import { dataRows, inChunks, type ReadableFile } from './session-rows';

/** What a run has done after a committed chunk. */
export interface ChunkProgress {
	rows: number;
	bytes: number;
	counters: ImportCounters;
}

export interface ChunkLoopInput {
	/** The session as it starts (or resumes): its cursor says how many rows are committed. */
	session: Pick<ImportSession, 'id' | 'mapping' | 'settings' | 'cursor' | 'counters'>;
	source: ReadableFile;
	store: ImportStore;
	rowsPerChunk: number;
	now: () => number;
	/** Asked before each chunk is decided; true ends the run there (Cancel). */
	stopRequested?: () => boolean;
	/** Called once each chunk has committed. */
	onCommitted?: (progress: ChunkProgress) => void;
	/** Called after each commit, before the next look-up (the server yields its event loop). */
	betweenChunks?: () => Promise<void>;
}

export type ChunkLoopEnd =
	| { kind: 'finished'; totalRows: number; counters: ImportCounters }
	| { kind: 'stopped'; rows: number; counters: ImportCounters };

/**
 * Runs an import from its cursor to the end of the file. Every row is judged, also those
 * committed before a resume: the in-file duplicate check must see the whole file in order to
 * decide exactly as an uninterrupted run. The commit of one chunk runs while the next one is read,
 * judged, looked up and decided; a look-up that asks for what the committing chunk touched waits
 * for it.
 */
export async function runChunks(input: ChunkLoopInput): Promise<ChunkLoopEnd> {
	const { session, store } = input;
	const fields = succeededFields(session.mapping);
	const duplicates = new InFileDuplicates();
	const ctx = {
		sessionId: session.id,
		mapping: session.mapping,
		settings: session.settings,
		duplicates
	};
	try {
		const alreadyDone = session.cursor.rows;
		const counters = { ...session.counters };
		let rowsSeen = 0;
		let chunk = session.cursor.chunks;
		let committing: Promise<void> = Promise.resolve();
		/** What the chunk being committed touches; undefined when none is. */
		let touched: TouchedKeys | undefined;
		const lookUp = (keys: LookupKeys) =>
			Promise.all([store.lookup(keys), store.maxCardsPerUser()] as const);
		for await (const batch of inChunks(dataRows(input.source), input.rowsPerChunk)) {
			const judged = judgeRows(batch.rows, ctx);
			rowsSeen += batch.rows.length;
			if (rowsSeen <= alreadyDone) continue;
			const keys = lookupKeys(judged);
			// Look-ups must see the chunk before this one: what it does not touch (early-lookup.ts)
			// is the same before and after its commit, so that is read, and this chunk decided,
			// while it commits. Anything else waits for the commit.
			const early = touched && mayLookUpEarly(keys, touched) ? lookUp(keys) : undefined;
			early?.catch(() => undefined);
			const answer = early ? await early : undefined;
			const held = answer && touched && earlyAnswerHolds(answer[0], touched);
			if (!held) await committing;
			const [lookups, maxCards] = held ? answer : await lookUp(keys);
			const now = input.now();
			const plan = planChunk(judged, lookups, {
				sessionId: session.id,
				policy: session.settings.overwrite,
				now,
				fields,
				maxCards
			});
			// Chunks commit in order, each after the one before.
			await committing;
			await input.betweenChunks?.();
			if (input.stopRequested?.()) return { kind: 'stopped', rows: rowsSeen, counters };
			addCounters(counters, plan.counters);
			const done: ChunkProgress = {
				rows: rowsSeen,
				bytes: batch.bytesRead,
				counters: { ...counters }
			};
			touched = touchedBy(plan, lookups);
			committing = store
				.commit({
					sessionId: session.id,
					chunk,
					users: plan.users,
					cards: plan.cards,
					results: { succeeded: plan.succeeded, failed: plan.failed },
					journal: plan.journal,
					cursor: { rows: done.rows, bytes: done.bytes, chunks: chunk + 1 },
					counters: done.counters,
					now
				})
				.then(() => input.onCommitted?.(done));
			// Awaited before the next commit or at the end; this only keeps a failure from being
			// reported as unhandled while the next chunk is read and decided.
			committing.catch(() => undefined);
			chunk += 1;
		}
		await committing;
		return { kind: 'finished', totalRows: rowsSeen, counters };
	} finally {
		duplicates.release();
	}
}

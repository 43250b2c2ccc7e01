import type { ImportCounters } from '$lib/domain/import-session';
import type { ImportProgress } from './api';

/** By default at most ten progress messages a second reach the main thread. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * No time left is estimated before the run has gone this long and this far: the first chunks
 * (the key filters, a cold database) say little about the rest.
 */
export const ESTIMATE_AFTER_MS = 3_000;
export const ESTIMATE_AFTER_SHARE = 0.02;

/** Turns a run's position into progress messages: throttled, with rate and time left. */
export class ProgressMeter {
	readonly #startedAt: number;
	#lastSent = -Infinity;

	constructor(
		private readonly fileSize: number,
		private readonly now: () => number,
		private readonly send: (progress: ImportProgress) => void,
		private readonly interval = PROGRESS_INTERVAL_MS
	) {
		this.#startedAt = now();
	}

	report(rowsDone: number, bytesRead: number, counters: ImportCounters): void {
		const now = this.now();
		if (now - this.#lastSent < this.interval) return;
		this.#lastSent = now;
		this.send(this.#progress(rowsDone, bytesRead, counters, now));
	}

	finish(rowsDone: number, counters: ImportCounters): void {
		this.send(this.#progress(rowsDone, this.fileSize, counters, this.now()));
	}

	#progress(
		rowsDone: number,
		bytesRead: number,
		counters: ImportCounters,
		now: number
	): ImportProgress {
		const seconds = (now - this.#startedAt) / 1000;
		const bytesPerSecond = seconds > 0 ? bytesRead / seconds : 0;
		const meaningful =
			now - this.#startedAt >= ESTIMATE_AFTER_MS &&
			bytesRead >= this.fileSize * ESTIMATE_AFTER_SHARE &&
			bytesRead < this.fileSize;
		return {
			rowsDone,
			bytesRead,
			fileSize: this.fileSize,
			rowsPerSecond: seconds > 0 ? Math.round(rowsDone / seconds) : 0,
			secondsLeft:
				meaningful && bytesPerSecond > 0 ? (this.fileSize - bytesRead) / bytesPerSecond : null,
			counters: { ...counters }
		};
	}
}

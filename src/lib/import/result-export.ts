import {
	CSV_BOM,
	failedHeaderLine,
	failedLines,
	resultFileName,
	succeededHeaderLine,
	succeededLines
} from '$lib/domain/result-files';
import type { RosterDatabase } from '$lib/db/database';
import type { ImportSession } from '$lib/domain/import-session';
import type { ResultKind } from './api';
import { succeededFields } from './core/chunk-plan';

/**
 * Builds a result CSV from the session's chunk records, one chunk at a time: each chunk's text
 * becomes its own Blob part, so the browser can keep a big file out of the JS heap.
 */
export async function buildResultFile(
	db: RosterDatabase,
	session: ImportSession,
	kind: ResultKind,
	today: Date
): Promise<{ blob: Blob; fileName: string }> {
	const parts: BlobPart[] = [CSV_BOM];
	const fields = succeededFields(session.mapping);
	parts.push(kind === 'succeeded' ? succeededHeaderLine(fields) : failedHeaderLine(session.header));
	const keys = await db.importResults
		.where('[sessionId+chunk]')
		.between([session.id, -Infinity], [session.id, Infinity])
		.primaryKeys();
	for (const key of keys) {
		const chunk = await db.importResults.get(key);
		if (!chunk) continue;
		const text =
			kind === 'succeeded'
				? succeededLines(chunk.succeeded)
				: failedLines(chunk.failed, session.header.length);
		if (text) parts.push(new Blob([text]));
	}
	return {
		blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }),
		fileName: resultFileName(session.fileName, kind, isoDay(today))
	};
}

function isoDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

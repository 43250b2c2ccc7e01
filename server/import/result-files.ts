/**
 * The result files of an import that ran on the server (docs/architecture.md, "Result files and
 * Complete"), byte for byte what the browser's result-export.ts builds for its own sessions: the
 * same domain lines (domain/result-files.ts: quoting, formula escaping, CRLF), the same header
 * (the succeeded fields of the mapping; the file's own header row), UTF-8 with a BOM, the records
 * chunk by chunk in chunk order. One chunk's row is read at a time, so a file of a million rows
 * never sits in memory whole.
 */
import {
	CSV_BOM,
	failedHeaderLine,
	failedLines,
	succeededHeaderLine,
	succeededLines,
	type FailedRecord,
	type SucceededRecord
} from '../../src/lib/domain/result-files';
import { succeededFields } from '../../src/lib/import/core/chunk-plan';
import { leadingRecords } from '../../src/lib/import/core/session-rows';
import type { SqlQueryable } from '../db/sql';
import { getJob, type ImportJob, type JobSettings } from './jobs';

export const RESULT_KINDS = ['succeeded', 'failed'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** The header row of a job's file as the browser's Configure reads it: the cells at `headerRow`. */
export async function readHeader(file: Blob, settings: JobSettings): Promise<string[]> {
	const { headerRow } = settings.settings;
	const records = await leadingRecords(
		{
			file,
			encoding: settings.encoding,
			bomLength: settings.bomLength,
			delimiter: settings.delimiter,
			headerRow
		},
		headerRow
	);
	return records[headerRow - 1] ?? [];
}

/**
 * Keeps the job's header row (migration 0010) before its first chunk commits, so the failed file
 * can repeat it after the upload is gone. A resumed run reads the same file: the first one stays.
 */
export async function storeJobHeader(
	sql: SqlQueryable,
	job: Pick<ImportJob, 'siteId' | 'id' | 'settings'>,
	file: Blob
): Promise<void> {
	await sql.query(
		`UPDATE import_jobs SET header = COALESCE(header, $3::jsonb)
		 WHERE site_id = $1 AND id::text = $2`,
		[job.siteId, job.id, JSON.stringify(await readHeader(file, job.settings))]
	);
}

/** The job's stored header row; empty when the run never read its file. */
export async function jobHeader(sql: SqlQueryable, siteId: string, id: string): Promise<string[]> {
	const rows = await sql.query<{ header: string[] | null }>(
		'SELECT header FROM import_jobs WHERE site_id = $1 AND id::text = $2',
		[siteId, id]
	);
	return rows[0]?.header ?? [];
}

/** The job ended differently while its file was read: the file would be short, so it fails. */
export class ResultsChanged extends Error {
	constructor(fileName: string) {
		super(
			`The results of the import of ${fileName} were completed or undone while they were downloaded.`
		);
		this.name = 'ResultsChanged';
	}
}

/**
 * The text of one result file of `job` (a job no longer running), in pieces: the BOM and header
 * line, then each chunk's lines. Ends with ResultsChanged when the job was completed or undone
 * meanwhile (its rows went while they were read), rather than with a file silently cut short.
 */
export async function* resultFileText(
	sql: SqlQueryable,
	job: ImportJob,
	kind: ResultKind
): AsyncGenerator<string> {
	const header = kind === 'failed' ? await jobHeader(sql, job.siteId, job.id) : [];
	yield (
		CSV_BOM +
		(kind === 'succeeded'
			? succeededHeaderLine(succeededFields(job.settings.mapping))
			: failedHeaderLine(header))
	);
	let after = -1;
	for (;;) {
		// `kind` is one of two column names, never the request's text.
		const rows = await sql.query<{ chunk: number; records: SucceededRecord[] | FailedRecord[] }>(
			`SELECT chunk, ${kind === 'succeeded' ? 'succeeded' : 'failed'} AS records
			 FROM import_job_results WHERE site_id = $1 AND job_id = $2 AND chunk > $3
			 ORDER BY chunk LIMIT 1`,
			[job.siteId, job.id, after]
		);
		const row = rows[0];
		if (!row) break;
		after = row.chunk;
		const text =
			kind === 'succeeded'
				? succeededLines(row.records as SucceededRecord[])
				: failedLines(row.records as FailedRecord[], header.length);
		if (text) yield text;
	}
	const now = await getJob(sql, job.siteId, job.id);
	if (!now || now.status !== job.status || now.updatedAt !== job.updatedAt)
		throw new ResultsChanged(job.fileName);
}

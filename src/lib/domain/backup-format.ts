/**
 * The backup file: UTF-8 text, one JSON value a line, written and read as a stream so neither
 * side holds the whole database as one string.
 *
 *   {"format":"roster-backup","formatVersion":1,"databaseVersion":2,"createdAt":…}   head
 *   {"blob":0,"data":"<base64>"}                 the bytes of a Blob, in parts of BLOB_PART bytes
 *   {"table":"images","record":{…,"image":{"$blob":0,"type":"image/webp","size":1234}}}
 *   {"end":true,"counts":{"users":3,…}}                                                 end
 *
 * A record's Blobs (images, an import's source file) are written as parts just before it and
 * referred to by number, so no line grows with the size of a file. The end line says how many
 * records each table has: a file cut short anywhere lacks it, and is refused. Blobs are read with
 * `Blob.arrayBuffer()`; the CSP (`connect-src 'self'`) forbids reading `blob:` URLs, which is how
 * generic serialisers read them.
 *
 * The browser (src/lib/db/backup.ts) and the server (server/site/backup.ts) write and read the
 * same format with these functions, so a file saved by either restores on the other.
 */
import { isFields, type Fields } from './backup-rules';
import { BACKUP_TABLES, isBackupTable, type BackupTable } from './backup-checks';

export const BACKUP_FORMAT = 'roster-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Bytes of a Blob per line (1 MiB of base64). */
const BLOB_PART = 768 * 1024;
/** Longer than any line Roster writes (a chunk of import results is the longest): not a backup. */
const MAX_LINE = 256 * 1024 * 1024;

export interface BackupHead {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	databaseVersion: number;
	createdAt: number;
}

export type BackupEntry =
	| { kind: 'head'; head: BackupHead }
	| { kind: 'record'; table: BackupTable; record: Fields }
	| { kind: 'end'; counts: Record<string, number> };

const NO_HEAD = "it does not start like one: choose a file saved by Roster's Back up";
const EARLIER_FORMAT =
	'it was saved by an earlier build of Roster, in a format this version does not read';

/** What is wrong with a backup file's text, with the line it is on. */
export class BackupFileError extends Error {
	constructor(
		readonly line: number,
		readonly problem: 'not-a-backup' | 'damaged' | 'incomplete',
		message: string
	) {
		super(message);
		this.name = 'BackupFileError';
	}
}

interface BlobRef {
	$blob: number;
	type: string;
	size: number;
	/** Present when the Blob was a File (an import's source file keeps its name). */
	name?: string;
	lastModified?: number;
}

// Base64 by table rather than btoa/atob, which go through a string of one character a byte and
// are slow on megabytes (Node's especially).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) VALUE[ALPHABET.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
	const out: string[] = [];
	let line = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
		const n = (a << 16) | (b << 8) | c;
		line +=
			ALPHABET[n >> 18]! +
			ALPHABET[(n >> 12) & 63]! +
			(i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') +
			(i + 2 < bytes.length ? ALPHABET[n & 63]! : '=');
		if (line.length >= 0x4000) {
			out.push(line);
			line = '';
		}
	}
	out.push(line);
	return out.join('');
}

/** The bytes of a base64 text, or null when it is not base64. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	if (text.length % 4 !== 0) return null;
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	const bytes = new Uint8Array((text.length / 4) * 3 - padding);
	let at = 0;
	for (let i = 0; i < text.length; i += 4) {
		let n = 0;
		for (let j = 0; j < 4; j += 1) {
			const code = text.charCodeAt(i + j);
			const last = i + 4 === text.length;
			if (code === 61 && last && j >= 4 - padding) {
				n <<= 6;
				continue;
			}
			const value = code < 128 ? (VALUE[code] ?? -1) : -1;
			if (value < 0) return null;
			n = (n << 6) | value;
		}
		bytes[at++] = n >> 16;
		if (at < bytes.length) bytes[at++] = (n >> 8) & 255;
		if (at < bytes.length) bytes[at++] = n & 255;
	}
	return bytes;
}

/**
 * Turns records into the lines of a backup, one at a time, so a writer can stream them (the
 * server) or gather them (the browser) without holding the whole file: `head()` first, then
 * `record()` for each record in BACKUP_TABLES order, then `end()` with the counts.
 */
export class BackupEncoder {
	#blobs = 0;
	readonly #counts = new Map<BackupTable, number>();

	constructor(
		readonly databaseVersion: number,
		readonly now: number
	) {}

	head(): string {
		const head: BackupHead = {
			format: BACKUP_FORMAT,
			formatVersion: BACKUP_FORMAT_VERSION,
			databaseVersion: this.databaseVersion,
			createdAt: this.now
		};
		return lineOf(head);
	}

	/** The record's line, after a line per part of each of its Blobs. */
	async *record(table: BackupTable, record: Fields): AsyncGenerator<string> {
		const out: Fields = {};
		for (const [key, value] of Object.entries(record)) {
			if (!(value instanceof Blob)) {
				out[key] = value;
				continue;
			}
			const id = this.#blobs++;
			for (let start = 0; start < value.size; start += BLOB_PART) {
				const bytes = new Uint8Array(await value.slice(start, start + BLOB_PART).arrayBuffer());
				yield lineOf({ blob: id, data: toBase64(bytes) });
			}
			const ref: BlobRef = { $blob: id, type: value.type, size: value.size };
			if (value instanceof File) {
				ref.name = value.name;
				ref.lastModified = value.lastModified;
			}
			out[key] = ref;
		}
		this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
		yield lineOf({ table, record: out });
	}

	/** The end line: how many records of each table were written (0 for a table not written). */
	end(): string {
		const counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, this.#counts.get(t) ?? 0]));
		return lineOf({ end: true, counts });
	}
}

const lineOf = (value: unknown): string => JSON.stringify(value) + '\n';

/**
 * Collects the lines of a backup into a Blob. Lines are gathered into Blobs of a few megabytes,
 * so the strings can be collected while the rest is written (the browser may keep large Blobs on
 * disk).
 */
export class BackupWriter {
	readonly #parts: Blob[] = [];
	readonly #encoder: BackupEncoder;
	#lines: string[] = [];
	#pending = 0;

	constructor(databaseVersion: number, now: number) {
		this.#encoder = new BackupEncoder(databaseVersion, now);
		this.#line(this.#encoder.head());
	}

	async add(table: BackupTable, record: Fields): Promise<void> {
		for await (const line of this.#encoder.record(table, record)) this.#line(line);
	}

	finish(): Blob {
		this.#line(this.#encoder.end());
		this.#flush();
		return new Blob(this.#parts, { type: 'application/json' });
	}

	#line(line: string): void {
		this.#lines.push(line);
		this.#pending += line.length;
		if (this.#pending > 4 * 1024 * 1024) this.#flush();
	}

	#flush(): void {
		this.#parts.push(new Blob(this.#lines));
		this.#lines = [];
		this.#pending = 0;
	}
}

/** The file's lines, decoded as UTF-8 (a byte that is not UTF-8 is damage, not text). */
async function* linesOf(file: Blob): AsyncGenerator<{ text: string; complete: boolean }> {
	const reader = file.stream().getReader();
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let rest = '';
	for (;;) {
		const { done, value } = await reader.read();
		let text: string;
		try {
			text = done ? decoder.decode() : decoder.decode(value, { stream: true });
		} catch {
			throw new BackupFileError(0, 'damaged', 'it holds bytes that are not UTF-8 text');
		}
		const lines = (rest + text).split('\n');
		rest = lines.pop() ?? '';
		if (rest.length > MAX_LINE) throw new BackupFileError(0, 'not-a-backup', NO_HEAD);
		for (const text of lines) yield { text, complete: true };
		if (done) break;
	}
	// Every line the writer writes ends in a newline: text after the last one may be cut.
	if (rest !== '') yield { text: rest, complete: false };
}

/**
 * Reads a backup file entry by entry, checking its structure: a head first, blob parts that add
 * up, an end line that matches the records read, nothing after it. `materialise` builds each
 * Blob from its parts; without it (checking a file), a Blob is only counted and comes back empty
 * with its declared type, so a check never holds a file's bytes.
 */
export async function* readBackup(file: Blob, materialise: boolean): AsyncGenerator<BackupEntry> {
	let line = 0;
	let head: BackupHead | null = null;
	let ended = false;
	const counts = new Map<string, number>();
	const parts = new Map<number, { bytes: Uint8Array<ArrayBuffer>[]; size: number }>();
	const used = new Set<number>();
	const damaged = (message: string) => new BackupFileError(line, 'damaged', message);

	const blobOf = (ref: BlobRef): Blob => {
		const collected = parts.get(ref.$blob) ?? { bytes: [], size: 0 };
		if (used.has(ref.$blob) || collected.size !== ref.size) {
			throw damaged(`a file in it does not have the ${ref.size} bytes it should`);
		}
		used.add(ref.$blob);
		parts.delete(ref.$blob);
		const content = materialise ? collected.bytes : [];
		return ref.name !== undefined
			? new File(content, ref.name, { type: ref.type, lastModified: ref.lastModified ?? 0 })
			: new Blob(content, { type: ref.type });
	};

	for await (const { text, complete } of linesOf(file)) {
		line += 1;
		if (text === '' && ended) continue;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			if (head === null) throw new BackupFileError(line, 'not-a-backup', NO_HEAD);
			if (!complete)
				throw new BackupFileError(line, 'incomplete', `it stops in the middle of line ${line}`);
			throw damaged(`line ${line} is not complete JSON`);
		}
		if (head === null) {
			if (!isFields(value) || value.format !== BACKUP_FORMAT) {
				const earlier = isFields(value) && value.formatName === 'dexie';
				throw new BackupFileError(line, 'not-a-backup', earlier ? EARLIER_FORMAT : NO_HEAD);
			}
			if (typeof value.databaseVersion !== 'number' || typeof value.formatVersion !== 'number') {
				throw damaged('its first line does not say which version of Roster made it');
			}
			head = value as unknown as BackupHead;
			yield { kind: 'head', head };
			continue;
		}
		if (!isFields(value)) throw damaged(`line ${line} is not an object`);
		if (ended) throw damaged('there is more after its end');
		if (typeof value.blob === 'number') {
			const bytes = typeof value.data === 'string' ? fromBase64(value.data) : null;
			if (bytes === null || used.has(value.blob)) throw damaged('a file in it is damaged');
			const collected = parts.get(value.blob) ?? { bytes: [], size: 0 };
			if (materialise) collected.bytes.push(bytes);
			collected.size += bytes.length;
			parts.set(value.blob, collected);
		} else if (value.end === true) {
			const declared = isFields(value.counts) ? value.counts : {};
			const mismatch = BACKUP_TABLES.find((t) => (declared[t] ?? 0) !== (counts.get(t) ?? 0));
			if (mismatch !== undefined) {
				throw damaged(
					`it says it holds ${String(declared[mismatch])} ${mismatch} records but has ${counts.get(mismatch) ?? 0}`
				);
			}
			if (parts.size > 0) throw damaged('it holds a file no record uses');
			ended = true;
			yield { kind: 'end', counts: Object.fromEntries(counts) };
		} else if (isBackupTable(value.table) && isFields(value.record)) {
			const record: Fields = {};
			for (const [key, field] of Object.entries(value.record)) {
				record[key] = isBlobRef(field) ? blobOf(field) : field;
			}
			counts.set(value.table, (counts.get(value.table) ?? 0) + 1);
			yield { kind: 'record', table: value.table, record };
		} else {
			throw damaged(`line ${line} is not a record of a Roster table`);
		}
	}
	if (head === null) throw new BackupFileError(line, 'not-a-backup', 'the file is empty');
	if (!ended) {
		throw new BackupFileError(
			line,
			'incomplete',
			`it ends at line ${line}, before the end of the backup`
		);
	}
}

function isBlobRef(value: unknown): value is BlobRef {
	return (
		isFields(value) &&
		typeof value.$blob === 'number' &&
		typeof value.type === 'string' &&
		typeof value.size === 'number' &&
		(value.name === undefined || typeof value.name === 'string')
	);
}

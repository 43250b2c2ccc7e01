/**
 * The files of a drop, folders opened: a dropped folder of photos gives its images (and those
 * of its subfolders). The entries must be taken while the drop event runs; reading them may wait.
 */
export function droppedFiles(transfer: DataTransfer | null): Promise<File[]> {
	if (!transfer) return Promise.resolve([]);
	const entries = [...transfer.items]
		.filter((item) => item.kind === 'file')
		.map((item) => item.webkitGetAsEntry?.() ?? null);
	// Without entries (an older browser), the plain list of files is what there is.
	if (entries.length === 0 || entries.some((entry) => entry === null)) {
		return Promise.resolve([...transfer.files]);
	}
	return filesOf(entries.filter((entry): entry is FileSystemEntry => entry !== null));
}

async function filesOf(entries: readonly FileSystemEntry[]): Promise<File[]> {
	const files: File[] = [];
	for (const entry of entries) {
		if (isFile(entry)) files.push(await fileOf(entry));
		else if (isDirectory(entry)) files.push(...(await filesOf(await childrenOf(entry))));
	}
	return files;
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry =>
	entry.isDirectory;

function fileOf(entry: FileSystemFileEntry): Promise<File> {
	return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All children: readEntries answers in batches (about 100) until it returns none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
	const reader = directory.createReader();
	const children: FileSystemEntry[] = [];
	for (;;) {
		const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
			reader.readEntries(resolve, reject)
		);
		if (batch.length === 0) return children;
		children.push(...batch);
	}
}

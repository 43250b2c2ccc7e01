/** Sizes as an admin reads them: 5 MB, 812 KB, 120 bytes. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
	if (bytes < 1024 * 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
	return `${trim(bytes / (1024 * 1024 * 1024))} GB`;
}

const trim = (value: number) =>
	value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');

/** Saves a Blob as a file through a temporary link (works offline, no server involved). */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Let the download start before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

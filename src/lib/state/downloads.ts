import { templateCsv } from '$lib/domain/template';

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

/** The CSV template of the import, as Upload and the empty lists offer it. */
export function downloadTemplate(): void {
	downloadBlob(
		new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }),
		'roster-template.csv'
	);
}

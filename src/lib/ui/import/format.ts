/**
 * Time left as an admin reads it: "a few seconds", "less than a minute", "about 3 min". Never
 * "0 s" while rows remain; null when the run has not gone far enough to estimate.
 */
export function timeLeftText(secondsLeft: number | null): string | null {
	if (secondsLeft === null) return null;
	if (secondsLeft < 10) return 'a few seconds left';
	if (secondsLeft < 60) return 'less than a minute left';
	const minutes = Math.round(secondsLeft / 60);
	if (minutes < 60) return `about ${minutes} min left`;
	return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

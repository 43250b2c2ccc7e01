/** A promise and its resolver, to hold a run at its start for as long as a test looks. */
export function gate<T>() {
	let open: (value: T) => void = () => undefined;
	const promise = new Promise<T>((resolve) => (open = resolve));
	return { promise, open };
}

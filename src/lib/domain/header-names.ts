/**
 * Header names as the Configure screen lists them: every column must be told apart in the
 * mapping selects, so blank names get `Column N` and repeated names get `Name (2)`.
 */

export function cleanHeaderNames(cells: readonly string[]): string[] {
	const trimmed = cells.map((cell, i) => cell.trim() || `Column ${i + 1}`);
	// Compared without case: `Name` and `name` would look like the same option to the admin.
	const taken = new Set(trimmed.map((name) => name.toLowerCase()));
	const seen = new Set<string>();
	return trimmed.map((name) => {
		const key = name.toLowerCase();
		if (!seen.has(key)) {
			seen.add(key);
			return name;
		}
		let n = 2;
		while (taken.has(`${key} (${n})`) || seen.has(`${key} (${n})`)) n++;
		const unique = `${name} (${n})`;
		seen.add(unique.toLowerCase());
		taken.add(unique.toLowerCase());
		return unique;
	});
}

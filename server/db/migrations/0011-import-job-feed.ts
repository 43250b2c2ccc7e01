/**
 * Import jobs join the site's feed (docs/architecture.md, "Imports on the server"): every change
 * of a job is a change of entity `import`, so each admin's replica holds the site's jobs and shows
 * their progress, their end and their results, and a Complete (a null record) removes them.
 */
export default `
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_entity_check;
ALTER TABLE changes ADD CONSTRAINT changes_entity_check
	CHECK (entity IN ('user', 'card', 'image', 'setting', 'lease', 'import'));
`;

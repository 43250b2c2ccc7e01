/**
 * Which import last wrote a user, and which import created a card. The browser's import and its
 * undo decide by them (a user this import created is not "existing", undo leaves records a later
 * write changed), so the feed must carry them to every replica rather than drop them.
 */
export default `
ALTER TABLE users ADD COLUMN last_import_id text;
ALTER TABLE cards ADD COLUMN import_id text;
`;

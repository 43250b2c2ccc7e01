/**
 * Which import last wrote a user (and what it was), and which import created a card. The browser's import and its
 * undo decide by them (a user this import created is not "existing", undo leaves records a later
 * write changed), so the feed must carry them to every replica rather than drop them.
 */
export default `
ALTER TABLE users ADD COLUMN last_import_id text;
-- What wrote the user when it was no admin's form ("the import of staff.csv"): a refused save
-- names it; an admin's write clears it.
ALTER TABLE users ADD COLUMN written_by text;
ALTER TABLE cards ADD COLUMN import_id text;
`;

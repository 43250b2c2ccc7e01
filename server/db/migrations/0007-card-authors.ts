/**
 * Who last wrote a card, as 0002 and 0006 keep it for users: the admin whose mutation wrote it,
 * or what wrote it when no admin's form did ("issuing the imported cards"). A change made to a
 * card as it was before someone else changed it is refused naming them (CHANGED_MEANWHILE).
 */
export default `
ALTER TABLE cards ADD COLUMN updated_by uuid REFERENCES admins (id) ON DELETE SET NULL;
ALTER TABLE cards ADD COLUMN written_by text;
`;

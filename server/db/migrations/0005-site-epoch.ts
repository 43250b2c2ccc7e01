/**
 * The site's epoch: how many times it was erased. The feed answers it with every page, and a
 * replica that holds another epoch's records drops them and syncs from the start
 * (docs/architecture.md, "Backup, restore and erase on the server").
 *
 * And a card's Wiegand credential (format, parts, bits), which 0002 had no column for: without
 * it a restored Wiegand card would lose what its key is made of, and the site's next backup
 * would be refused by its own checks.
 */
export default `
ALTER TABLE site_versions ADD COLUMN epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN wiegand jsonb;
`;

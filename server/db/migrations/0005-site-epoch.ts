/**
 * The site's epoch: how many times it was erased. The feed answers it with every page, and a
 * replica that holds another epoch's records drops them and syncs from the start
 * (docs/architecture.md, "Backup, restore and erase on the server").
 */
export default `
ALTER TABLE site_versions ADD COLUMN epoch bigint NOT NULL DEFAULT 0;
`;

/**
 * The site's import lease: one row per site while an import (its undo, its fixed rows, its card
 * issuing) runs. User and card writes of everyone else are refused while a live lease holds; an
 * expired one is free (docs/architecture.md, "The site-wide import lock"). The feed now also
 * carries the lease, and the users' photos and the site's settings, so its entity list widens.
 */
export default `
CREATE TABLE import_leases (
	site_id uuid PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
	holder text NOT NULL,
	activity text NOT NULL CHECK (activity IN ('import', 'undo', 'fix', 'issuing')),
	admin_id uuid REFERENCES admins (id) ON DELETE SET NULL,
	admin_name text NOT NULL,
	file_name text NOT NULL,
	done integer NOT NULL DEFAULT 0,
	total integer NOT NULL DEFAULT 0,
	since bigint NOT NULL,
	expires_at bigint NOT NULL
);

ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_entity_check;
ALTER TABLE changes ADD CONSTRAINT changes_entity_check
	CHECK (entity IN ('user', 'card', 'image', 'setting', 'lease'));
`;

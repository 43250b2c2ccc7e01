/**
 * Users' photos and the site's shared settings (defaults, saved mappings) move from each browser's
 * IndexedDB to the site, and reach every replica through the feed as 'image' and 'setting'.
 */
export default `
-- The resized photo and its thumbnail, as the browser made them; gone with the user.
CREATE TABLE images (
	site_id uuid NOT NULL,
	user_id text NOT NULL,
	image bytea NOT NULL,
	thumbnail bytea NOT NULL,
	content_type text NOT NULL,
	width integer NOT NULL CHECK (width > 0),
	height integer NOT NULL CHECK (height > 0),
	updated_at bigint NOT NULL,
	version bigint NOT NULL,
	PRIMARY KEY (site_id, user_id),
	FOREIGN KEY (site_id, user_id) REFERENCES users (site_id, id) ON DELETE CASCADE
);

CREATE TABLE site_settings (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	key text NOT NULL,
	value jsonb NOT NULL,
	updated_at bigint NOT NULL,
	version bigint NOT NULL,
	PRIMARY KEY (site_id, key)
);

-- Every entity of the feed. The import lease (0003) widens the same CHECK and may run before
-- or after this one: each drops whatever is there and lists all five.
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_entity_check;
ALTER TABLE changes ADD CONSTRAINT changes_entity_check
	CHECK (entity IN ('user', 'card', 'image', 'setting', 'lease'));
`;

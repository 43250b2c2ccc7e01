/**
 * The site's people and cards, and the feed of their changes that every browser's replica
 * follows. Uniqueness is the database's: User ID, email, phone digits and card number per site.
 */
export default `
-- One counter per site. Writers take its row lock, so versions are handed out and committed in
-- the same order: a reader that has seen version N never finds a later commit below N.
CREATE TABLE site_versions (
	site_id uuid PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
	version bigint NOT NULL DEFAULT 0
);
INSERT INTO site_versions (site_id) SELECT id FROM sites;

CREATE TABLE users (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	id text NOT NULL,
	name text NOT NULL,
	email text,
	phone text,
	phone_digits text,
	user_type text NOT NULL,
	department text,
	title text,
	image_file text,
	has_image boolean NOT NULL DEFAULT false,
	created_at bigint NOT NULL,
	updated_at bigint NOT NULL,
	version bigint NOT NULL,
	updated_by uuid REFERENCES admins (id) ON DELETE SET NULL,
	PRIMARY KEY (site_id, id),
	CONSTRAINT users_email_per_site UNIQUE (site_id, email),
	CONSTRAINT users_phone_per_site UNIQUE (site_id, phone_digits)
);

CREATE TABLE cards (
	site_id uuid NOT NULL,
	number text NOT NULL,
	user_id text NOT NULL,
	status text NOT NULL CHECK (status IN ('registered', 'issued', 'revoked')),
	valid_from text NOT NULL,
	valid_to text NOT NULL,
	entered_as jsonb,
	issued_at bigint,
	created_at bigint NOT NULL,
	updated_at bigint NOT NULL,
	version bigint NOT NULL,
	PRIMARY KEY (site_id, number),
	FOREIGN KEY (site_id, user_id) REFERENCES users (site_id, id) ON DELETE CASCADE
);
CREATE INDEX cards_by_user ON cards (site_id, user_id);

-- What changed, in version order: the record as the browser keeps it, or null once deleted.
CREATE TABLE changes (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	version bigint NOT NULL,
	entity text NOT NULL CHECK (entity IN ('user', 'card')),
	key text NOT NULL,
	record jsonb,
	PRIMARY KEY (site_id, version)
);

-- Each mutation's first answer, so that a retry of the same id never writes twice.
CREATE TABLE mutations (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	id uuid NOT NULL,
	admin_id uuid REFERENCES admins (id) ON DELETE SET NULL,
	status integer NOT NULL,
	answer jsonb NOT NULL,
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (site_id, id)
);
`;

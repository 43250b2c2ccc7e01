/**
 * The site and who may sign in to it. One server holds one site today; every row still names
 * its site, so that a check of "the session's site" is a column, not an assumption.
 */
export default `
CREATE TABLE sites (
	id uuid PRIMARY KEY,
	name text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admins (
	id uuid PRIMARY KEY,
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	-- Lower-cased and trimmed before it is stored, so the constraint compares what people mean.
	email text NOT NULL,
	name text NOT NULL,
	password_hash text NOT NULL,
	role text NOT NULL CHECK (role IN ('owner', 'admin')),
	disabled_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT admins_email_per_site UNIQUE (site_id, email)
);

-- Only a hash of the cookie's token is kept: a copy of the table signs nobody in.
CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	admin_id uuid NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_admin ON sessions (admin_id);

-- Failed sign-ins, kept in the database so every server process of a site counts the same ones.
CREATE TABLE login_failures (
	id bigserial PRIMARY KEY,
	email text NOT NULL,
	ip text NOT NULL,
	at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_by_email ON login_failures (email, at);
CREATE INDEX login_failures_by_ip ON login_failures (ip, at);
`;

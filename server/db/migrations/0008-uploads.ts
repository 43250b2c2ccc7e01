/**
 * A CSV file the browser uploads once, in parts, for an import that runs on the server
 * (docs/architecture.md, "Uploads"). `received` is how many bytes of it have arrived in order;
 * the upload is complete once all `size` bytes have and their SHA-256 matched `sha256`. Each part
 * is one row: a part and its `received` are written in one transaction, so nothing is ever half
 * written.
 */
export default `
CREATE TABLE uploads (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	id text NOT NULL,
	-- An admin removed takes the files they were sending along.
	admin_id uuid NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
	name text NOT NULL,
	size bigint NOT NULL CHECK (size > 0),
	sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	received bigint NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= size),
	created_at timestamptz NOT NULL DEFAULT now(),
	completed_at timestamptz,
	PRIMARY KEY (site_id, id)
);

CREATE TABLE upload_parts (
	site_id uuid NOT NULL,
	upload_id text NOT NULL,
	"offset" bigint NOT NULL CHECK ("offset" >= 0),
	bytes bytea NOT NULL,
	PRIMARY KEY (site_id, upload_id, "offset"),
	FOREIGN KEY (site_id, upload_id) REFERENCES uploads (site_id, id) ON DELETE CASCADE
);
`;

/**
 * Imports that run on the site server (docs/architecture.md, "Imports on the server"). A job is
 * one admin's import of one uploaded file with its settings and mapping; `cursor` says how many
 * rows are committed, written in the same transaction as each chunk's users, cards, result and
 * journal rows, so a server killed mid-import resumes exactly there. `runner` is the process
 * running it and `lease_expires_at` when its claim lapses unless renewed: a lapsed claim is taken
 * over at start-up, or the job is shown as interrupted.
 */
export default `
CREATE TABLE import_jobs (
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	id uuid NOT NULL,
	admin_id uuid REFERENCES admins (id) ON DELETE SET NULL,
	admin_name text NOT NULL,
	file_name text NOT NULL,
	upload_id text NOT NULL,
	-- How the file is read and judged: encoding, BOM, delimiter, settings, mapping.
	settings jsonb NOT NULL,
	status text NOT NULL CHECK (status IN ('running', 'interrupted', 'finished', 'failed',
	                                       'cancelled', 'undoing', 'undone')),
	cursor jsonb NOT NULL,
	counters jsonb NOT NULL,
	total_rows integer,
	error jsonb,
	runner text,
	lease_expires_at bigint,
	created_at bigint NOT NULL,
	updated_at bigint NOT NULL,
	finished_at bigint,
	PRIMARY KEY (site_id, id)
);
CREATE INDEX import_jobs_by_status ON import_jobs (status, lease_expires_at);

-- The succeeded and failed rows of each chunk, for the result files.
CREATE TABLE import_job_results (
	site_id uuid NOT NULL,
	job_id uuid NOT NULL,
	chunk integer NOT NULL,
	succeeded jsonb NOT NULL,
	failed jsonb NOT NULL,
	PRIMARY KEY (site_id, job_id, chunk),
	FOREIGN KEY (site_id, job_id) REFERENCES import_jobs (site_id, id) ON DELETE CASCADE
);

-- Before-images of what each chunk changed, replayed backwards by Undo.
CREATE TABLE import_job_journal (
	site_id uuid NOT NULL,
	job_id uuid NOT NULL,
	chunk integer NOT NULL,
	users jsonb NOT NULL,
	cards jsonb NOT NULL,
	PRIMARY KEY (site_id, job_id, chunk),
	FOREIGN KEY (site_id, job_id) REFERENCES import_jobs (site_id, id) ON DELETE CASCADE
);
`;

/**
 * Card issuing of a job's users on the server (docs/architecture.md, "Card issuing on the
 * server"): the job's status `issuing` while it runs, and `issued`, the tally of the last issuing
 * (users handled, cards issued, already issued, revoked, users without a card), written in each
 * chunk's transaction so a restart resumes after the users already handled.
 */
export default `
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check
	CHECK (status IN ('running', 'interrupted', 'finished', 'failed', 'cancelled', 'undoing',
	                  'undone', 'issuing'));
ALTER TABLE import_jobs ADD COLUMN issued jsonb;
`;

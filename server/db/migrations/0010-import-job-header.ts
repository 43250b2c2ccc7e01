/**
 * The header row of an import job's file, as its cells read (docs/architecture.md, "Result files
 * and Complete"): the failed-results file repeats it, and the upload it was read from is gone
 * once the job is completed. Null until the runner has read the file.
 */
export default `
ALTER TABLE import_jobs ADD COLUMN header jsonb;
`;

/**
 * Pure functions return results instead of throwing: the caller (engine, worker, screen)
 * decides how to show a failure, and failures stay plain data that can cross a worker boundary.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E[] };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(...errors: E[]): { ok: false; errors: E[] } => ({ ok: false, errors });

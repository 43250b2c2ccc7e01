/** The word the admin types to confirm Erase all data. */
export const ERASE_CONFIRMATION = 'ERASE';

/** The admins the server suites sign in as. */
export const OWNER = {
	name: 'Olga Owner',
	email: 'olga@example.com',
	password: 'owner password 1'
};
export const ADMIN = { name: 'Ali Admin', email: 'ali@example.com', password: 'admin password 1' };

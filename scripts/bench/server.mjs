import { spawn } from 'node:child_process';

/** Serves build/ like `npm start` does, on its own port; resolves once it answers. */
export async function serveBuild(port) {
	const server = spawn('npx', ['sirv', 'build', '--single', '--port', String(port), '--quiet'], {
		stdio: 'ignore'
	});
	const url = `http://localhost:${port}`;
	for (let attempt = 0; attempt < 100; attempt += 1) {
		try {
			if ((await fetch(url)).ok) return { url, stop: () => server.kill() };
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	server.kill();
	throw new Error(`The app did not start on ${url}`);
}

import { spawn } from 'node:child_process';

/** Serves build/ like `npm start` does, on its own port; resolves once it answers. */
export async function serveBuild(port) {
	const url = `http://localhost:${port}`;
	if (
		await fetch(url).then(
			() => true,
			() => false
		)
	) {
		throw new Error(`Port ${port} is taken: stop whatever serves ${url} first`);
	}
	// Its own process group, so stopping it also stops the server npx starts under it.
	const server = spawn('npx', ['sirv', 'build', '--single', '--port', String(port), '--quiet'], {
		stdio: 'ignore',
		detached: true
	});
	const stop = () => process.kill(-server.pid, 'SIGTERM');
	for (let attempt = 0; attempt < 100; attempt += 1) {
		try {
			if ((await fetch(url)).ok) return { url, stop };
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	stop();
	throw new Error(`The app did not start on ${url}`);
}

import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// We register through workbox-window ourselves (src/lib/pwa) so the update prompt is ours.
			injectRegister: false,
			registerType: 'prompt',
			// Without these the adapter-static fallback is written after the SW build and never
			// precached, so every offline navigation fails (docs/architecture.md, "Offline and the
			// service worker").
			kit: { adapterFallback: 'index.html', spa: true },
			manifest: {
				name: 'Roster',
				short_name: 'Roster',
				description: 'Register people and access cards in bulk, offline, in your browser.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f4e79',
				background_color: '#f7f8fa',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
				// The API is the server's, never the app shell's: a navigation to it (a backup's
				// download, an image opened in a tab) must reach the server and its session check,
				// and nothing under /api is ever cached (docs/architecture.md, "Offline and the
				// service worker").
				navigateFallbackDenylist: [/^\/api\//]
			}
		})
	],
	worker: { format: 'es' },
	server: { port: 5173 },
	preview: { port: 4173 },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'server/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts']
	}
});

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The folder rules of src/lib (README "Project layout", docs/architecture.md "Folders"): what
 * each folder may import of lib. A folder not listed (state/) and src/routes/ may import anything.
 */
const MAY_IMPORT = {
	domain: [],
	db: ['domain'],
	import: ['domain', 'db', 'lock', 'images'],
	lock: ['domain', 'db'],
	images: ['domain'],
	sync: ['domain', 'db'],
	ui: ['domain', 'state']
};

/**
 * Packages a folder must not use: the rules run in Node tests and in the worker too, and screens
 * never open the database.
 */
const FORBIDDEN_PACKAGES = {
	domain: [
		'dexie',
		'dexie-export-import',
		'svelte',
		'svelte/*',
		'$app/*',
		'comlink',
		'workbox-window'
	],
	// It runs in the site worker as well as the page: no Svelte and no SvelteKit.
	sync: ['svelte', 'svelte/*', '$app/*'],
	ui: ['dexie', 'dexie-export-import', 'comlink']
};

/** Modules a folder may import for its types only: ui/ shows what the import worker reports. */
const TYPES_ONLY = { ui: ['$lib/import/api'] };

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (items) => items.map(escapeRegex).join('|');

/** no-restricted-imports patterns for a file `depth` folders below src/lib/<folder>/. */
function importPatterns(folder, depth) {
	// Relative paths stay inside the folder, so that the patterns below see the folder an import
	// reaches in its `$lib/` path. Tests may reach their helpers in tests/ at the repository root.
	const patterns = [
		{
			regex: `^(?!(\\.\\./){${depth + 3}}tests/)(\\.\\./){${depth + 1}}`,
			message: 'Import from another folder of src/lib through $lib/, not a relative path.'
		}
	];
	const allowed = MAY_IMPORT[folder];
	if (allowed) {
		const folders = [folder, ...allowed];
		// What is let through is matched after `$lib/`, as the folders are.
		const through = (TYPES_ONLY[folder] ?? []).map((m) => m.slice('$lib/'.length));
		patterns.push({
			regex:
				`^\\$lib/(?!(${folders.join('|')})/)` +
				(through.length > 0 ? `(?!(${oneOf(through)})$)` : ''),
			message: `${folder}/ may import only ${folders.map((f) => `${f}/`).join(', ')} of src/lib (docs/architecture.md, "Folders").`
		});
	}
	for (const module of TYPES_ONLY[folder] ?? []) {
		patterns.push({
			group: [module],
			allowTypeImports: true,
			message: `${folder}/ may import ${module} for its types only (docs/architecture.md, "Folders").`
		});
	}
	if (FORBIDDEN_PACKAGES[folder]) {
		patterns.push({
			group: FORBIDDEN_PACKAGES[folder],
			message: `${folder}/ must not use this package (docs/architecture.md, "Folders").`
		});
	}
	return patterns;
}

/**
 * One config block per folder of src/lib and depth inside it (up to three subfolders; the deepest
 * today is ui/import/configure/).
 */
const folderRules = ['domain', 'db', 'import', 'lock', 'images', 'sync', 'state', 'ui'].flatMap(
	(folder) =>
		[0, 1, 2, 3].map((depth) => ({
			files: [`src/lib/${folder}/${'*/'.repeat(depth)}*`],
			rules: { 'no-restricted-imports': ['error', { patterns: importPatterns(folder, depth) }] }
		}))
);

/**
 * The server shares the browser's pure rules and nothing else of it: storage, state and screens
 * belong to the browser (docs/architecture.md, "The site server").
 */
const serverRule = {
	files: ['server/**/*.ts'],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						regex: 'src/lib/(?!domain/|import/core/)|^\\$lib|^\\$app|^svelte|^dexie|^comlink',
						message:
							'The server may use src/lib/domain and src/lib/import/core only, by a relative path.'
					}
				]
			}
		]
	}
};

/**
 * The import's pure core (chunk loop, row judging, chunk plans, CSV reading) runs in the worker
 * and on the server alike: it imports domain/ and itself only, by relative paths the server can
 * resolve, and no storage, no page (docs/architecture.md, "Imports on the server").
 */
const DOM_GLOBALS = [
	'window',
	'document',
	'navigator',
	'localStorage',
	'sessionStorage',
	'indexedDB'
];
const importCoreRule = {
	files: ['src/lib/import/core/**'],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						regex: '^\\$lib/|^\\$app|^svelte|^dexie|^comlink|^\\.\\./(?!\\.\\./domain/)',
						message:
							'import/core/ may import only domain/ (as ../../domain/…) and core/ itself (docs/architecture.md, "Imports on the server").'
					}
				]
			}
		],
		'no-restricted-globals': [
			'error',
			...DOM_GLOBALS.map((name) => ({ name, message: 'import/core/ is pure: no DOM, no storage.' }))
		]
	}
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'dist/',
			'dev-dist/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench-results/',
			'static/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['playwright.config.ts'] },
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error',
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	},
	...folderRules,
	serverRule,
	importCoreRule,
	{
		// The rules are pure: no page, no storage (Blob, File and TextDecoder are not the DOM).
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-globals': [
				'error',
				...DOM_GLOBALS.map((name) => ({ name, message: 'domain/ is pure: no DOM, no storage.' }))
			]
		}
	}
);

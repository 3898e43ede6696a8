import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// Type-check the folders outside src too.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../drivers/**/*.ts',
					'../state-machines/**/*.ts',
					'../bench/**/*.ts',
					'../proof/**/*.ts',
					'../scripts/**/*.ts',
					'../playwright.config.ts'
				);
				return tsconfig;
			}
		},
		alias: {
			$drivers: 'drivers',
			'$state-machines': 'state-machines'
		}
	}
};

export default config;

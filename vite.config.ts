import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: [
			'tests/unit/**/*.test.ts',
			'tests/integration/**/*.test.ts',
			'tests/machines/**/*.test.ts',
			'state-machines/**/*.test.ts',
			'drivers/**/*.test.ts'
		],
		environment: 'node',
		testTimeout: 20000
	}
});

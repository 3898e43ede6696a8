import { app } from '$lib/server/app';
import { trainingBanner } from '$lib/server/production';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = () => {
	const { config, devices } = app();
	return { trainingBanner: trainingBanner(config, devices) };
};

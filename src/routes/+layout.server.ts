import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({ trainingBanner: locals.services.terminal.trainingBanner });

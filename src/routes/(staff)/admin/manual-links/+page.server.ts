import { app } from '$lib/server/app';
import { MANUAL_LINK_ACTION } from '$lib/server/sessions/counter-actors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ links: app().repos.audit.byAction(MANUAL_LINK_ACTION) });

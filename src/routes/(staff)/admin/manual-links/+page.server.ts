import { MANUAL_LINK_ACTION } from '$lib/server/sessions/counter-actors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ links: locals.services.audit.byAction(MANUAL_LINK_ACTION) });

import { fail } from '@sveltejs/kit';
import { AnnuityError } from '../services/annuity';

/** An annuity page's action: a refusal the clerk reads becomes `fail(status, { message })`; anything else is a fault. */
export async function annuityAnswer<T>(work: () => Promise<T> | T) {
	try {
		return await work();
	} catch (e) {
		if (e instanceof AnnuityError) return fail(e.status, { message: e.message });
		throw e;
	}
}

// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInClerk } from '$lib/server/auth/auth-service';
import type { Operator } from '$lib/server/auth/operator';
import type { RequestServices } from '$lib/server/request-services';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** Who works the terminal in this request: a signed-in clerk, a kiosk, or nobody. */
			operator: Operator | null;
			/** The operator when it is a clerk at a window (the staff pages' operator). */
			clerk: SignedInClerk | null;
			/** What the request may use, built once at start (src/lib/server/request-services.ts). */
			services: RequestServices;
		}
	}
}

export {};

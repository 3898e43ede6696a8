// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInClerk } from '$lib/server/auth/auth-service';
import type { RequestServices } from '$lib/server/request-services';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			clerk: SignedInClerk | null;
			/** What the request may use, built once at start (src/lib/server/request-services.ts). */
			services: RequestServices;
		}
	}
}

export {};

// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInClerk } from '$lib/server/auth/auth-service';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			clerk: SignedInClerk | null;
		}
	}
}

export {};

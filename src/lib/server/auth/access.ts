/** Pages anyone in the hall may open: sign-in and the self-service kiosk. */
export function isPublicPath(pathname: string): boolean {
	return (
		pathname === '/signin' ||
		pathname === '/kiosk' ||
		pathname.startsWith('/kiosk/') ||
		pathname === '/healthz' ||
		pathname === '/favicon.svg'
	);
}

/** Supervisor-only areas. */
export function needsSupervisor(pathname: string): boolean {
	return pathname === '/admin' || pathname.startsWith('/admin/');
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/counter';
}

export const SESSION_COOKIE = 'sifee_session';

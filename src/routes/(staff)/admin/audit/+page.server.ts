import { fail } from '@sveltejs/kit';
import { basename } from 'node:path';
import { inputOrError, queryValues, readForm } from '$lib/server/http/read-input';
import { noFields } from '$lib/server/http/fields';
import { AUDIT_PAGE_SIZE, auditQuery } from '$lib/server/http/schemas/audit';
import { BACKUP_SERVICE_TEXT, journalBackups, takeJournalBackup } from '$lib/server/services/journal-backups';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const q = inputOrError(auditQuery, queryValues(url.searchParams));
	const page = q.page ?? 1;
	const filter = { action: q.action, clerkLogin: q.clerk, windowNo: q.window, from: q.from, to: q.to, subject: q.subject };
	const { rows, total } = locals.services.audit.trail(filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
	const { backups } = locals.services;
	return {
		query: q,
		page,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		total,
		rows,
		actions: locals.services.audit.actions(),
		backups: { dir: backups.backup.dir, keep: backups.backup.keep, files: journalBackups(backups) }
	};
};

export const actions: Actions = {
	backup: async ({ request, locals }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		try {
			const r = await takeJournalBackup(locals.services.backups, locals.clerk!, 'on-demand');
			return { message: BACKUP_SERVICE_TEXT.taken(basename(r.file), r.removed.length) };
		} catch (e) {
			return fail(500, { message: BACKUP_SERVICE_TEXT.failed((e as Error).message) });
		}
	}
};

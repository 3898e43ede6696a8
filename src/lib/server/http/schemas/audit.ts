import { z } from 'zod';
import { anyText, decimalInt, isoDate } from '../fields';
import { login } from './auth';

// The supervisor's filters over the audit trail (/admin/audit), sent as a GET form: a field left
// empty filters nothing.

export const AUDIT_PAGE_SIZE = 50;

export const AUDIT_FORM_TEXT = { reversed: '截止日期：不能早于起始日期' } as const;

const blankIsNone = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const auditQuery = z
	.object({
		action: blankIsNone(anyText('操作', 64)),
		clerk: blankIsNone(login('工号')),
		window: blankIsNone(decimalInt('窗口号', 1, 99)),
		from: blankIsNone(isoDate('起始日期')),
		to: blankIsNone(isoDate('截止日期')),
		subject: blankIsNone(anyText('对象', 100)),
		page: blankIsNone(decimalInt('页码', 1, 1_000_000))
	})
	.refine((q) => !q.from || !q.to || q.from <= q.to, { error: AUDIT_FORM_TEXT.reversed });

export type AuditQuery = z.output<typeof auditQuery>;

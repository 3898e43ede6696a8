import { z } from 'zod';
import { anyText, fieldsOf, oneOf, positiveId } from '../fields';
import { BUSINESSES } from '../../services/window-sessions';

/** The payer search box and the query a payer page keeps for the way back. */
export const searchQuery = z.object({
	q: anyText('查询内容', 100, { empty: true }).optional()
});

/** `/counter/payers/[payerId]`: upstream payer ids are positive integers. */
export const payerParams = z.object({ payerId: positiveId('缴费人编号') });

export const COUNTER_FORM_TEXT = { business: '请选择要办理的业务' } as const;

const business = oneOf('业务', BUSINESSES, COUNTER_FORM_TEXT.business);

/** The payer page's buttons: each names the business to start. */
export const startSessionForm = z.object({ business });

/** `POST /api/sessions`: `{ payerId, business? }`, the ordinary payment when no business is named. */
export const startSessionJson = fieldsOf({ payerId: positiveId('缴费人'), business: business.default('payment') });

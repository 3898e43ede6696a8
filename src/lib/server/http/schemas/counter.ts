import { z } from 'zod';
import { fieldsOf, oneOf, positiveId } from '../fields';
import { BUSINESSES } from '../../services/window-sessions';

/** The payer search box and the query a payer page keeps for the way back. */
export const searchQuery = z.object({
	q: z.string().max(100, { error: '查询内容：不能超过 100 个字' }).optional()
});

/** `/counter/payers/[payerId]`: upstream payer ids are positive integers. */
export const payerParams = z.object({ payerId: positiveId('缴费人编号') });

const business = oneOf('业务', BUSINESSES, '请选择要办理的业务');

/** The payer page's buttons: each names the business to start. */
export const startSessionForm = z.object({ business });

/** `POST /api/sessions`: `{ payerId, business? }`, the ordinary payment when no business is named. */
export const startSessionJson = fieldsOf({ payerId: positiveId('缴费人'), business: business.default('payment') });

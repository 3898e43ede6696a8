import { z } from 'zod';
import { anyText, fieldsOf, oneOf, plainText, positiveId } from '../fields';
import { BUSINESSES } from '../../services/window-sessions';
import { login } from './auth';
import { sessionEventSchema, type SessionEvent } from '../../sessions/session-events';

/** The payer search box and the query a payer page keeps for the way back. */
export const searchQuery = z.object({
	q: anyText('查询内容', 100, { empty: true }).optional()
});

/** `/counter/payers/[payerId]`: upstream payer ids are positive integers. */
export const payerParams = z.object({ payerId: positiveId('缴费人编号') });

export const COUNTER_FORM_TEXT = { business: '请选择要办理的业务', intent: '请选择值班长处理的事项' } as const;

const business = oneOf('业务', BUSINESSES, COUNTER_FORM_TEXT.business);

/** The payer page's buttons: each names the business to start. */
export const startSessionForm = z.object({ business });

/** `POST /api/sessions`: `{ payerId, business? }`, the ordinary payment when no business is named. */
export const startSessionJson = fieldsOf({ payerId: positiveId('缴费人'), business: business.default('payment') });

/** What a supervisor types at the clerk's window for one act there: the supervisor's own login and password, and why. */
export const supervisorOnTheSpot = z.object({
	login: login('值班长工号'),
	password: anyText('密码', 128),
	reason: plainText('处理原因', 200)
});

/** A supervisor on the spot at the clerk's window: close a stuck payment, or free a declaration held elsewhere. */
export const supervisorDecisionForm = supervisorOnTheSpot.extend({
	intent: oneOf('处理事项', ['close', 'release'] as const, COUNTER_FORM_TEXT.intent)
});

/**
 * The clerk's event that needs a supervisor (a void after the bank form was printed, a second
 * reprint, a link by hand) with the supervisor's fields. A void's reason is the one reason typed.
 */
export const overrideEventForm = supervisorOnTheSpot.and(sessionEventSchema).transform(({ login, password, reason, ...rest }) => ({
	credentials: { login, password, reason },
	event: (rest.type === 'VOID' ? { ...rest, reason } : rest) as SessionEvent
}));

/** A visit with residents or flexible employees, maybe with its first person (typed, read from the card, or picked from the search). */
export const startIndividualForm = z.object({
	idNumber: plainText('身份证号码', 40, { optional: true, chars: /^[0-9０-９xXｘＸ \u3000]*$/u }),
	name: plainText('姓名', 50, { optional: true }),
	source: oneOf('来源', ['card', 'typed'] as const)
});

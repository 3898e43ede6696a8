import { describe, expect, it } from 'vitest';
import { sessionEventSchema } from '../../../src/lib/server/sessions/session-events';
import { checkInput } from '../../../src/lib/server/http/read-input';

const read = (fields: Record<string, unknown>) => checkInput(sessionEventSchema, fields);
const refusal = (fields: Record<string, unknown>) => {
	const r = read(fields);
	if (r.ok) throw new Error(`accepted ${JSON.stringify(fields)}`);
	return r.message;
};

describe('what the clerk posts becomes a checked machine event, or nothing', () => {
	it('passes the plain events through', () => {
		expect(read({ type: 'SUBMIT' })).toEqual({ ok: true, data: { type: 'SUBMIT' } });
		expect(read({ type: 'BACK', extra: 'x' })).toEqual({ ok: true, data: { type: 'BACK' } });
	});

	it('reads dues and registrations as positive integers', () => {
		expect(read({ type: 'TOGGLE_DUE', dueId: '12' })).toEqual({ ok: true, data: { type: 'TOGGLE_DUE', dueId: 12 } });
		expect(read({ type: 'CONFIRM_LINK', registrationId: '3' })).toEqual({ ok: true, data: { type: 'CONFIRM', registrationId: 3 } });
		expect(refusal({ type: 'TOGGLE_DUE', dueId: '-1' })).toMatch(/^费款：/);
		expect(refusal({ type: 'TOGGLE_DUE', dueId: '1.5' })).toMatch(/^费款：/);
	});

	it('takes cash tendered in yuan and keeps it as integer fen', () => {
		expect(read({ type: 'TENDER', amount: '1,234.5' })).toEqual({ ok: true, data: { type: 'TENDER', amountFen: 123450 } });
		expect(refusal({ type: 'TENDER', amount: '12.345' })).toMatch(/^实收金额：/);
		expect(refusal({ type: 'TENDER', amount: '-5' })).toMatch(/^实收金额：/);
	});

	it('accepts only the counter channels', () => {
		expect(read({ type: 'CHOOSE', channel: 'cash' })).toEqual({ ok: true, data: { type: 'CHOOSE', channel: 'cash' } });
		expect(refusal({ type: 'CHOOSE', channel: 'online' })).toContain('请选择缴款方式');
	});

	it('refuses events the screen never sends, such as a payer picked from the outside', () => {
		expect(refusal({ type: 'PAYER_PICKED' })).toMatch(/不支持的操作/);
		expect(refusal({ type: 'SUPERVISOR_CLOSE' })).toMatch(/不支持的操作/);
	});
});

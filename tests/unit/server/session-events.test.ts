import { describe, expect, it } from 'vitest';
import { eventFromForm, SessionEventError } from '../../../src/lib/server/sessions/session-events';

describe('what the clerk posts becomes a checked machine event, or nothing', () => {
	it('passes the plain events through', () => {
		expect(eventFromForm({ type: 'SUBMIT' })).toEqual({ type: 'SUBMIT' });
		expect(eventFromForm({ type: 'BACK', extra: 'x' })).toEqual({ type: 'BACK' });
	});

	it('reads dues and registrations as positive integers', () => {
		expect(eventFromForm({ type: 'TOGGLE_DUE', dueId: '12' })).toEqual({ type: 'TOGGLE_DUE', dueId: 12 });
		expect(eventFromForm({ type: 'CONFIRM_LINK', registrationId: '3' })).toEqual({ type: 'CONFIRM', registrationId: 3 });
		expect(() => eventFromForm({ type: 'TOGGLE_DUE', dueId: '-1' })).toThrow(SessionEventError);
		expect(() => eventFromForm({ type: 'TOGGLE_DUE', dueId: '1.5' })).toThrow(SessionEventError);
	});

	it('takes cash tendered in yuan and keeps it as integer fen', () => {
		expect(eventFromForm({ type: 'TENDER', amount: '1,234.5' })).toEqual({ type: 'TENDER', amountFen: 123450 });
		expect(() => eventFromForm({ type: 'TENDER', amount: '12.345' })).toThrow(/实收金额有误/);
		expect(() => eventFromForm({ type: 'TENDER', amount: '-5' })).toThrow(/实收金额有误/);
	});

	it('accepts only the counter channels', () => {
		expect(eventFromForm({ type: 'CHOOSE', channel: 'cash' })).toEqual({ type: 'CHOOSE', channel: 'cash' });
		expect(() => eventFromForm({ type: 'CHOOSE', channel: 'online' })).toThrow(SessionEventError);
	});

	it('refuses events the screen never sends, such as a payer picked from the outside', () => {
		expect(() => eventFromForm({ type: 'PAYER_PICKED' })).toThrow(/不支持的操作/);
		expect(() => eventFromForm({ type: 'SUPERVISOR_CLOSE' })).toThrow(/不支持的操作/);
	});
});

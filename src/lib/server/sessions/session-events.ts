import { parseYuan, MoneyParseError } from '../../domain';

// The clerk's screen posts flat form fields; only these events, with checked fields, reach a session.

export class SessionEventError extends Error {}

const SIMPLE = new Set([
	'SUBMIT',
	'CONTINUE',
	'BACK',
	'CANCEL',
	'RETRY',
	'RETRY_REVERSAL',
	'CONFIRM',
	'DRAWER_CLOSED',
	'PAPER_LOADED',
	'REPRINT',
	'DONE',
	'FINISH',
	'PRINT',
	'CLOSE',
	'CERTIFICATE',
	'ISSUE'
]);

const CHANNELS = new Set(['pos', 'cash', 'agreement', 'bank_form', 'pending_account']);
const PROOF_KINDS = new Set(['treasury_payment', 'bank_receipt', 'other']);

export function eventFromForm(form: Record<string, string>): { type: string } & Record<string, unknown> {
	const type = form.type ?? '';
	const positive = (name: string) => {
		const n = Number(form[name]);
		if (!Number.isSafeInteger(n) || n <= 0) throw new SessionEventError(`${name} 无效`);
		return n;
	};
	const text = (name: string, max = 64) => {
		const v = (form[name] ?? '').trim();
		if (!v || v.length > max) throw new SessionEventError(`请填写${name}`);
		return v;
	};
	if (SIMPLE.has(type)) return { type };
	switch (type) {
		case 'TOGGLE_DUE':
		case 'DISPUTE':
			return { type, dueId: positive('dueId') };
		case 'VOID':
		case 'PAY_EXISTING':
			return { type, declarationNo: text('declarationNo') };
		case 'CONFIRM_LINK':
			return { type: 'CONFIRM', registrationId: positive('registrationId') };
		case 'CHOOSE':
			if (!CHANNELS.has(form.channel)) throw new SessionEventError('请选择缴款方式');
			return { type, channel: form.channel };
		case 'TENDER':
			try {
				return { type, amountFen: parseYuan(form.amount ?? '') };
			} catch (e) {
				if (e instanceof MoneyParseError) throw new SessionEventError(`实收金额有误：${e.message}`);
				throw e;
			}
		case 'TOGGLE_TRANSFER':
			return { type, transferId: text('transferId') };
		case 'PROOF':
			if (!PROOF_KINDS.has(form.kind)) throw new SessionEventError('请选择凭证种类');
			return { type, transferId: text('transferId'), kind: form.kind, number: text('number') };
		case 'TOGGLE_PAYMENT':
			return { type, voucherNo: text('voucherNo', 18) };
		case 'SET_RANGE':
			return { type, from: text('from', 10), to: text('to', 10) };
		default:
			throw new SessionEventError(`不支持的操作：${type}`);
	}
}

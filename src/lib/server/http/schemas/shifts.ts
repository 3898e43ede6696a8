import { z } from 'zod';
import { anyText, decimalInt, fieldsOf, plainText, positiveId } from '../fields';
import { login } from './auth';
import { DENOMINATION_LABEL, DENOMINATIONS_FEN, type CashCount } from '../../../domain/shift-report';

/** Pieces of one denomination as typed: empty is none. */
const pieces = (fen: (typeof DENOMINATIONS_FEN)[number]) =>
	z.preprocess((v) => (v === '' || v === undefined ? 0 : v), decimalInt(`${DENOMINATION_LABEL[fen]}张（枚）数`, 0, 99_999));

/** The count form's fields `d10000` … `d10`, one per denomination, read into a CashCount. */
const countFields = Object.fromEntries(DENOMINATIONS_FEN.map((fen) => [`d${fen}`, pieces(fen)])) as Record<`d${number}`, ReturnType<typeof pieces>>;

const toCount = (fields: Record<string, number>): CashCount =>
	Object.fromEntries(DENOMINATIONS_FEN.map((fen) => [fen, fields[`d${fen}`]]).filter(([, n]) => n > 0));

/** 开班: the float counted by denomination. */
export const openShiftForm = z.object(countFields).transform(toCount);

const reason = plainText('长短款原因', 200, { optional: true });

/** 班结: the drawer counted, the reason of a short or over, the supervisor who signs. */
export const closeShiftForm = z
	.object({ ...countFields, reason, login: login('值班长工号'), password: anyText('密码', 128) })
	.transform(({ reason, login, password, ...fields }) => ({ counted: toCount(fields), reason, supervisor: { login, password } }));

/** A count as JSON: denomination in fen → pieces (the service checks the denominations). */
const countJson = z.record(z.string().max(6), z.unknown());

/** `POST /api/shift`: open with a float, read an X, or close with the count and the supervisor. */
export const shiftJson = z.discriminatedUnion('action', [
	fieldsOf({ action: z.literal('open'), float: countJson }),
	fieldsOf({ action: z.literal('x') }),
	fieldsOf({
		action: z.literal('close'),
		counted: countJson,
		reason,
		supervisor: fieldsOf({ login: login('值班长工号'), password: anyText('密码', 128) })
	})
]);

/** `/admin/shifts/[shiftId]/pdf`. */
export const shiftParams = z.object({ shiftId: positiveId('班次') });

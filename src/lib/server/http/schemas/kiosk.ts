import { z } from 'zod';
import { decimalInt, oneOf, plainText } from '../fields';

export const KIOSK_FORM_TEXT = {
	strict: '请求内容：自助终端只接受触屏操作，不接受身份证号、缴费人编号等任何其他字段',
	event: '操作：不是自助终端可用的操作',
	key: '终端密钥：只能由终端编号、冒号和密钥组成，如 K01:…'
} as const;

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) }, { error: KIOSK_FORM_TEXT.strict });

/**
 * What a kiosk's screen may send: touches, nothing else. The object is strict: a request that
 * carries a payer id, an ID number or any other field is refused before it reaches the session.
 */
export const kioskEventSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject(
			{ type: z.literal('CHOOSE'), kind: oneOf('凭证', ['proof', 'record']), year: decimalInt('年度', 2000, 2099) },
			{ error: KIOSK_FORM_TEXT.strict }
		),
		bare('PRINT'),
		bare('BACK'),
		bare('RETRY'),
		bare('DONE'),
		bare('TOUCH')
	],
	{ error: KIOSK_FORM_TEXT.event }
);

/** The kiosk's key, typed once by the hall's IT staff on the enrolment page (never on the kiosk's screen). */
export const kioskEnrollForm = z.strictObject(
	{ key: plainText('终端密钥', 200, { chars: /^[A-Za-z0-9-]{1,32}:[^\s,]{16,160}$/ }) },
	{ error: KIOSK_FORM_TEXT.strict }
);

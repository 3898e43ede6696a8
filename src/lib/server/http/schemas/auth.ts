import { z } from 'zod';
import { decimalInt, plainText } from '../fields';

/** 工号, 密码, 窗口号 of the sign-in form. */
export const signInForm = z.object({
	login: plainText('工号', 32, { chars: /^[\p{L}\p{N}_.-]*$/u }),
	password: z
		.string({ error: '密码：必须填写' })
		.min(1, { error: '密码：必须填写' })
		.max(128, { error: '密码：不能超过 128 个字符' }),
	window: decimalInt('窗口号', 1, 99)
});


import { z } from 'zod';
import { anyText, decimalInt, plainText } from '../fields';

/** 工号, 密码, 窗口号 of the sign-in form. */
export const signInForm = z.object({
	login: plainText('工号', 32, { chars: /^[\p{L}\p{N}_.-]*$/u }),
	password: anyText('密码', 128),
	window: decimalInt('窗口号', 1, 99)
});

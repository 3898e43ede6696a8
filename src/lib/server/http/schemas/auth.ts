import { z } from 'zod';
import { anyText, decimalInt, plainText } from '../fields';

/** A login as the terminal gives them: letters (Han included), digits and `_.-`. */
export const login = (label: string) => plainText(label, 32, { chars: /^[\p{L}\p{N}_.-]*$/u });

/** 工号, 密码, 窗口号 of the sign-in form. */
export const signInForm = z.object({
	login: login('工号'),
	password: anyText('密码', 128),
	window: decimalInt('窗口号', 1, 99)
});

/** The supervisor's 解除锁定 of one clerk. */
export const unlockForm = z.object({ login: login('工号') });

import type { HandleServerError } from '@sveltejs/kit';
import { INPUT_TEXT } from './read-input';

// SvelteKit's own refusals (no such route, a body over BODY_SIZE_LIMIT, a form action posted
// something else than a form) and unexpected faults reach handleError with an English message;
// the clerk is shown these instead. Errors raised with `error(status, 中文)` never come here.

export const ERROR_TEXT = {
	400: '请求格式不正确，请刷新页面后重试',
	404: INPUT_TEXT.notFound,
	405: '不支持该请求方式',
	413: INPUT_TEXT.tooLarge,
	415: '提交的格式不正确：请在页面上操作',
	500: '系统内部错误，请报告值班长'
} as const;

export const describeError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error(error);
	const known = ERROR_TEXT[status as keyof typeof ERROR_TEXT];
	return { message: known ?? (status >= 500 ? ERROR_TEXT[500] : ERROR_TEXT[400]) };
};

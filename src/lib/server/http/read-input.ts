import { error, fail, json, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';

// The one way a route reads what it was sent: a form body, a JSON body, a query or route
// parameters go through the endpoint's schema before any service runs; what does not fit is
// answered 400 (413 when too large) with the Chinese message of the first fields at fault.

export const INPUT_TEXT = {
	unreadableForm: '提交的表单无法读取，请刷新页面后重试',
	notJson: '请求内容不是有效的 JSON',
	tooLarge: '提交的内容过大，请检查输入后重试',
	notFound: '未找到该页面'
} as const;

export type InputRefusal = { ok: false; status: 400 | 404 | 413; message: string };
export type InputResult<T> = { ok: true; data: T } | InputRefusal;

/** At most this many field messages are joined into one answer. */
const MESSAGES_SHOWN = 3;

/** Checks a value against a schema; the refusal names the fields at fault, in Chinese. */
export function checkInput<S extends z.ZodType>(schema: S, value: unknown, status: 400 | 404 = 400): InputResult<z.output<S>> {
	const r = schema.safeParse(value);
	if (r.success) return { ok: true, data: r.data };
	const messages = [...new Set(r.error.issues.map((i) => i.message))].slice(0, MESSAGES_SHOWN);
	return { ok: false, status, message: messages.join('；') };
}

/** A body the platform could not read: too large for BODY_SIZE_LIMIT (413), or malformed. */
function unreadable(e: unknown, message: string): InputRefusal {
	const status = (e as { status?: unknown } | null)?.status;
	return status === 413 ? { ok: false, status: 413, message: INPUT_TEXT.tooLarge } : { ok: false, status: 400, message };
}

async function formValues(request: Request): Promise<InputResult<Record<string, FormDataEntryValue>>> {
	try {
		return { ok: true, data: Object.fromEntries(await request.formData()) };
	} catch (e) {
		return unreadable(e, INPUT_TEXT.unreadableForm);
	}
}

export type FormInput<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure<{ message: string }> };

/** A form action's body through its schema; a refusal is `fail(status, { message })` (enhanced forms keep what was typed). */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormInput<z.output<S>>> {
	const values = await formValues(request);
	if (!values.ok) return { ok: false, failure: fail(values.status, { message: values.message }) };
	const r = checkInput(schema, values.data);
	return r.ok ? r : { ok: false, failure: fail(r.status, { message: r.message }) };
}

/** A JSON body through its schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<InputResult<z.output<S>>> {
	let body: unknown;
	try {
		body = JSON.parse(await request.text());
	} catch (e) {
		return unreadable(e, INPUT_TEXT.notJson);
	}
	return checkInput(schema, body);
}

/** The JSON answer to a refused request. */
export function refuseJson(r: { status: number; message: string }): Response {
	return json({ message: r.message }, { status: r.status });
}

/** A query or route parameters a page load needs: anything else ends in the Chinese error page. */
export function inputOrError<S extends z.ZodType>(schema: S, value: unknown, status: 400 | 404 = 400): z.output<S> {
	const r = checkInput(schema, value, status);
	if (!r.ok) error(r.status, r.message);
	return r.data;
}

/** URLSearchParams as a plain object (the last value of a repeated name). */
export function queryValues(params: URLSearchParams): Record<string, string> {
	return Object.fromEntries(params);
}

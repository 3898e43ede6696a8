import { z } from 'zod';
import { anyText, decimalInt, isoDate, oneOf, pattern, plainText, yuanAmount } from '../fields';
import { login } from './auth';

// The collector batch's forms at the window and the supervisor's collectors page (集中代收).

export const COLLECTOR_FORM_TEXT = {
	collector: '应为C加3至6位数字，请从列表中选择',
	file: '请选择要导入的清单文件（.csv 或 .xlsx）',
	fileSize: (mb: number) => `文件不能超过 ${mb} MB，请分批导入`,
	fileKind: '只能导入 .csv 或 .xlsx 文件',
	format: '请选择 csv 或 xlsx',
	idNumber: '应为18位身份证号码',
	phone: '应为11位手机号码或带区号的固定电话'
} as const;

/** An uploaded list may be this large: 100,000 rows of CSV or Excel fit well under it. */
export const LIST_UPLOAD_MB = 32;

const collectorCode = pattern('代办员', /^C\d{3,6}$/, COLLECTOR_FORM_TEXT.collector);

/** The clerk picks the collector at the window. */
export const startBatchForm = z.object({ collector: collectorCode });

/** The list file of the upload form (multipart). */
export const uploadListForm = z.object({
	file: z
		.instanceof(File, { error: `清单文件：${COLLECTOR_FORM_TEXT.file}` })
		.refine((f) => f.size > 0, { error: `清单文件：${COLLECTOR_FORM_TEXT.file}` })
		.refine((f) => f.size <= LIST_UPLOAD_MB * 1024 * 1024, { error: `清单文件：${COLLECTOR_FORM_TEXT.fileSize(LIST_UPLOAD_MB)}` })
		.refine((f) => /\.(csv|xlsx)$/i.test(f.name) && f.name.length <= 200, { error: `清单文件：${COLLECTOR_FORM_TEXT.fileKind}` })
});

/** A supervisor on the spot confirms a breach of the double limits, with a note for the follow-up list. */
export const breachForm = z.object({
	login: login('值班长工号'),
	password: anyText('密码', 128),
	note: plainText('确认说明', 200)
});

/** The report or the template as a file: `?format=csv|xlsx`. */
export const listFormatQuery = z.object({ format: oneOf('格式', ['csv', 'xlsx'] as const, COLLECTOR_FORM_TEXT.format).default('csv') });

/** The supervisor registers a collector; the virtual account is opened upstream. */
export const registerCollectorForm = z.object({
	name: plainText('代办员姓名', 50),
	idNumber: pattern('身份证号码', /^\d{17}[\dX]$/, COLLECTOR_FORM_TEXT.idNumber, { compact: true }),
	village: plainText('村（社区）', 60),
	county: plainText('县（区）', 40),
	phone: pattern('联系电话', /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, COLLECTOR_FORM_TEXT.phone, { compact: true })
});

/** The county's double limits from a day on: the most cash in yuan, the most days. */
export const countyLimitsForm = z.object({
	county: plainText('县（区）', 40),
	maxAmount: yuanAmount('现金限额（元）'),
	maxDays: decimalInt('时间限额（天）', 1, 365),
	effectiveFrom: isoDate('生效日期')
});

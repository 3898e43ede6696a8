import { z } from 'zod';
import { pattern, plainText, positiveId } from '../fields';
import { supervisorOnTheSpot } from './counter';

// The occupational annuity pages' forms (职业年金).

export const ANNUITY_FORM_TEXT = {
	file: '请选择托管银行归集户流水文件（.csv）',
	fileSize: (mb: number) => `文件不能超过 ${mb} MB`,
	fileKind: '只能导入 .csv 文件',
	transferId: '应为流水文件中的转账流水号',
	noticeNo: '应为7位缴费通知单编号'
} as const;

export const STATEMENT_UPLOAD_MB = 8;

const transferId = pattern('转账流水号', /^[^\s<>]{1,64}$/, ANNUITY_FORM_TEXT.transferId);
const noticeNo = pattern('缴费通知单编号', /^\d{7}$/, ANNUITY_FORM_TEXT.noticeNo);

/** The custodian bank's statement file (multipart). */
export const statementUploadForm = z.object({
	file: z
		.instanceof(File, { error: `流水文件：${ANNUITY_FORM_TEXT.file}` })
		.refine((f) => f.size > 0, { error: `流水文件：${ANNUITY_FORM_TEXT.file}` })
		.refine((f) => f.size <= STATEMENT_UPLOAD_MB * 1024 * 1024, { error: `流水文件：${ANNUITY_FORM_TEXT.fileSize(STATEMENT_UPLOAD_MB)}` })
		.refine((f) => /\.csv$/i.test(f.name) && f.name.length <= 200, { error: `流水文件：${ANNUITY_FORM_TEXT.fileKind}` })
});

/** 退回 an exception, with the reason. */
export const returnTransferForm = z.object({ transferId, reason: plainText('退回原因', 200) });

/** 人工匹配 with the supervisor on the spot. */
export const handMatchForm = supervisorOnTheSpot.extend({ transferId, noticeNo });

export const noticeForm = z.object({ noticeNo });

/** A second reprint of a receipt, with the supervisor on the spot. */
export const reprintOverrideForm = supervisorOnTheSpot.extend({ noticeNo });

/** `/counter/annuity/[payerId]`: print the notice of one due. */
export const printNoticeForm = z.object({ dueId: positiveId('应缴信息') });

/** A second reprint of a notice, with the supervisor on the spot. */
export const printNoticeOverrideForm = supervisorOnTheSpot.extend({ dueId: positiveId('应缴信息') });
